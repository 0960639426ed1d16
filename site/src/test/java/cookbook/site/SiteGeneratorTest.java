package cookbook.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator on {@link SampleProject}, where every case is present. */
class SiteGeneratorTest {
    @TempDir
    Path root;

    @TempDir
    Path out;

    @BeforeEach
    void writeProject() throws IOException {
        SampleProject.writeTo(root);
    }

    private Document page(String path) throws IOException {
        return Jsoup.parse(Files.readString(out.resolve(path)));
    }

    @Test
    @DisplayName("claims show passed, failed (with the first failure), skipped (with the reason) and not run (opt-in tag)")
    void verdictsFromSurefire() throws IOException {
        SiteGenerator.generate(root, out, false);
        List<Element> rows = page("locks/LCK-01.html").select(".claims-table tbody tr");
        assertEquals(List.of("passed", "failed", "skipped", "not run"), rows.stream()
                .map(r -> r.selectFirst(".verdict").text()).toList());
        assertEquals("twice fails", rows.get(1).select("td").get(1).text());
        assertTrue(rows.get(1).text().contains("expected: 4 but was: 5"), rows.get(1).text());
        assertTrue(rows.get(2).text().contains("one core only"));
        assertTrue(rows.get(3).text().contains("-Pmulticore"), rows.get(3).text());
        assertEquals("../files/locks/src/test/java/cookbook/locks/AlphaTest.java.html#L4",
                rows.getFirst().selectFirst("a").attr("href"));
        assertNotNull(page("files/locks/src/test/java/cookbook/locks/AlphaTest.java.html").getElementById("L4"));
    }

    @Test
    @DisplayName("prose beside code: the class comment, each comment above its lines; trailing comments stay in the code")
    void proseBesideCode() throws IOException {
        SiteGenerator.generate(root, out, false);
        Document doc = page("locks/LCK-01.html");
        List<Element> segments = doc.select(".segment:not(.header-segment)");
        assertTrue(segments.get(0).selectFirst(".prose").text().startsWith("LCK-01. Python original"));
        assertEquals("try (var g = guard()) { ... }", segments.get(0).selectFirst(".prose code").text(),
                "a {@code} with braces inside it is whole");
        Element lockThenTry = segments.stream().filter(s -> s.selectFirst(".prose").text().equals("Lock, then try."))
                .findFirst().orElseThrow();
        assertTrue(lockThenTry.selectFirst(".prose").hasClass("in-idiom"));
        assertTrue(lockThenTry.selectFirst(".code").text().contains("// trailing comment stays in code"));
        assertEquals("package cookbook.locks; and 1 import", doc.selectFirst(".header-segment summary").text());
        assertEquals(List.of("12", "13", "14", "15"), doc.select(".line.idiom").eachAttr("data-line"));
        assertEquals(List.of("11", "16"), doc.select(".line.marker").eachAttr("data-line"));
    }

    @Test
    @DisplayName("Copy idiom copies the region without its markers, dedented")
    void idiomText() {
        var problems = new Problems();
        JavaSource source = JavaSource.parse("A.java", """
                class A {
                    // tag::idiom[]
                    void f() {
                        g();
                    }
                    // end::idiom[]
                }
                """, problems);
        assertEquals("void f() {\n    g();\n}\n", IdiomRegions.of(source).text(source));
        assertTrue(problems.all().isEmpty());
    }

    @Test
    @DisplayName("a malformed or oversized idiom region is reported in words")
    void idiomErrors() {
        var problems = new Problems();
        String body = "        x();\n".repeat(IdiomRegions.MAX_LINES + 1);
        JavaSource source = JavaSource.parse("A.java", "class A {\n    void f() {\n        // tag::idiom[]\n" + body
                + "        // end::idiom[]\n        // end::idiom[]\n    }\n}\n", problems);
        List<String> errors = IdiomRegions.of(source).errors;
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("41 lines; the house limit is 40"), errors.get(0));
        assertTrue(errors.get(1).contains("end::idiom[] without a tag::idiom[]"), errors.get(1));
    }

    @Test
    @DisplayName("a recipe without an idiom region, and a README link to nothing: warnings, or errors when strict")
    void problemsAreWarningsUnlessStrict() throws IOException {
        var lenient = SiteGenerator.generate(root, out, false);
        assertTrue(lenient.ok());
        assertTrue(lenient.warnings().getFirst().startsWith("1 of 2 recipes have no idiom region yet: LCK-02"),
                lenient.warnings().toString());
        assertTrue(lenient.warnings().stream().anyMatch(w -> w.startsWith("BROKEN_LINK locks/README.md")));
        Document beta = page("locks/LCK-02.html");
        assertTrue(beta.selectFirst(".idiom-note.missing").text().startsWith("No idiom region"));
        assertEquals("gone", beta.selectFirst(".broken-link").text());
        assertTrue(beta.select("button[data-copy=idiom]").isEmpty());

        var strict = SiteGenerator.generate(root, out, true);
        assertFalse(strict.ok());
        assertTrue(strict.warnings().isEmpty());
        assertEquals(lenient.warnings().size() - 1, strict.errors().size());
    }

    @Test
    @DisplayName("links: README sections go to recipe pages, IDs in text become links, notes and sources get pages")
    void linksAreResolved() throws IOException {
        SiteGenerator.generate(root, out, false);
        Document note = page("notes/one.html");
        assertEquals("../locks/LCK-02.html", note.selectFirst("a:contains(LCK-02)").attr("href"));
        assertEquals("../locks/LCK-01.html", note.selectFirst("article a:contains(locks)").attr("href"));
        Document module = page("locks/index.html");
        assertEquals("LCK-02.html", module.selectFirst("p a:contains(LCK-02)").attr("href"));
        assertEquals("LCK-01.html", module.selectFirst("table a:contains(Alpha)").attr("href"));
        Document alpha = page("locks/LCK-01.html");
        assertEquals("LCK-02.html", alpha.selectFirst("#note-java a:contains(LCK-02)").attr("href"));
        assertTrue(alpha.select("#note a:contains(LCK-01)").isEmpty(), "a page does not link to itself");
        Document index = page("index.html");
        assertEquals("readme.html", index.selectFirst("a:contains(More about)").attr("href"));
        assertTrue(index.getElementById("python-to-java").text().contains("ReentrantLock"));
    }

    @Test
    @DisplayName("the page shows the recorded sample output and the Maven coordinates of what the file imports")
    void sampleOutputAndDependencies() throws IOException {
        SiteGenerator.generate(root, out, false);
        Document alpha = page("locks/LCK-01.html");
        // Patterns read as short placeholders, the unordered block as one marked span.
        assertEquals("[main] 4\n[t-‹n›] took ‹duration›\n[u] done\n", alpha.selectFirst("#sample-output pre").wholeText());
        assertEquals("[t-‹n›] took ‹duration›\n[u] done\n", alpha.selectFirst("#sample-output .any-order").wholeText());
        assertTrue(alpha.selectFirst("#sample-output p").text().contains("./cookbook check-samples LCK-01"));
        assertTrue(alpha.getElementById("use-it").text().contains("com.google.guava:guava:33.5.0-jre"));
        Document beta = page("locks/LCK-02.html");
        assertTrue(beta.select("#sample-output").isEmpty());
        assertTrue(beta.getElementById("use-it").text().contains("JDK only"));
    }

    @Test
    @DisplayName("a published benchmark run gets a results page with its tables and chart, linked from every header")
    void benchmarkResultsPage() throws IOException {
        SiteGenerator.generate(root, out, false);
        assertFalse(Files.exists(out.resolve(ResultsPage.PAGE)), "no published run, no page");
        assertTrue(page("index.html").select("header a:contains(results)").isEmpty());

        Path results = Files.createDirectories(root.resolve(ResultsPage.DIR));
        Files.writeString(root.resolve("benchmarks/README.md"), "# Benchmarks\n\n## Results\n\nTargets.\n");
        Files.writeString(results.resolve("results.md"), """
                ## Harness

                ![the ratios](ratios.svg)

                | Pair | Ratio | Value |
                |---|---|---:|
                | `mutex` | Python ÷ Java | 31.0× |
                """);
        Files.writeString(results.resolve("jmh-results.md"), "## JMH\n\n| Benchmark | Score |\n|---|---:|\n| longAdder | 900 |\n");
        Files.writeString(results.resolve(ResultsPage.CHART), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        var result = SiteGenerator.generate(root, out, false);
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("benchmarks")), result.warnings().toString());

        Document page = page(ResultsPage.PAGE);
        assertEquals(List.of("Harness", "JMH"), page.select("article h2").eachText());
        assertEquals("31.0×", page.selectFirst("td:contains(Python ÷ Java) + td").text());
        assertEquals("results/ratios.svg", page.selectFirst("article img").attr("src"));
        assertTrue(Files.isRegularFile(out.resolve("results/ratios.svg")));
        Element readme = page.selectFirst("article p a:contains(benchmarks README)");
        assertNotNull(readme);
        assertTrue(Files.isRegularFile(out.resolve(readme.attr("href"))), readme.attr("href"));
        assertEquals("../results.html", page("locks/LCK-01.html").selectFirst("header a:contains(results)").attr("href"));
    }

    @Test
    @DisplayName("the generator empties a directory it wrote, and refuses one it did not")
    void outputDirectorySafety() throws IOException {
        SiteGenerator.generate(root, out, false);
        Files.writeString(out.resolve("stale.html"), "old");
        SiteGenerator.generate(root, out, false);
        assertFalse(Files.exists(out.resolve("stale.html")));
        Path foreign = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(foreign.resolve("keep.txt"), "mine");
        var e = assertThrows(IllegalStateException.class, () -> SiteGenerator.generate(root, foreign, false));
        assertTrue(e.getMessage().contains("was not written by the site generator"), e.getMessage());
        assertTrue(Files.exists(foreign.resolve("keep.txt")));
    }

    @Test
    @DisplayName("relative links between pages")
    void relativeLinks() {
        assertEquals("../index.html", Html.relative("locks/LCK-04.html", "index.html"));
        assertEquals("LCK-05.html", Html.relative("locks/LCK-04.html", "locks/LCK-05.html"));
        assertEquals("locks/LCK-05.html", Html.relative("index.html", "locks/LCK-05.html"));
        assertEquals("../../../a/b.html#L3", Html.relative("files/x/y/T.html", "a/b.html#L3"));
    }
}
