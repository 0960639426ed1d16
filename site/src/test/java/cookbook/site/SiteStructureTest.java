package cookbook.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The site the build wrote, checked against the project's files: a page for every recipe,
 * every line of each source in its code column, the idiom where the markers say, prev/next
 * through the whole syllabus, and every page well formed with no link leading nowhere.
 */
class SiteStructureTest {
    private static final Pattern MARKER = Pattern.compile("\\s*//\\s*(tag|end)::[\\w.-]+\\[[^\\]]*\\]\\s*");
    private static final Pattern IDIOM_START = Pattern.compile("\\s*//\\s*tag::idiom\\[\\]\\s*");
    private static final Pattern IDIOM_END = Pattern.compile("\\s*//\\s*end::idiom\\[\\]\\s*");
    private static final Set<String> KINDS = Set.of("header", "code", "prose", "marker");

    @Test
    @DisplayName("every recipe in the registries has a page, and nothing else is a recipe page")
    void aPageForEveryRecipe() {
        var expected = new HashSet<String>();
        for (String[] recipe : GeneratedSite.recipes()) {
            String path = recipe[1] + "/" + recipe[0] + ".html";
            expected.add(path);
            Document page = GeneratedSite.page(path).document();
            assertTrue(page.selectFirst("h1").text().startsWith(recipe[0] + " "), path);
        }
        long recipePages = GeneratedSite.pages().keySet().stream().filter(p -> p.matches("[a-z-]+/[A-Z]+-\\d{2}\\.html"))
                .count();
        assertEquals(expected.size(), recipePages);
    }

    @TestFactory
    @DisplayName("every page passes the HTML check: well formed, titled, unique ids, every link and anchor resolves, nothing fetched from elsewhere")
    Stream<DynamicTest> everyPagePassesTheHtmlCheck() {
        return GeneratedSite.pages().values().stream().map(page -> DynamicTest.dynamicTest(page.path(), () -> {
            Document doc = page.document();
            assertTrue(page.errors().isEmpty(), page.path() + ": HTML errors " + page.errors());
            assertNotNull(doc.documentType(), "no <!DOCTYPE html>");
            assertEquals("en", doc.selectFirst("html").attr("lang"));
            assertFalse(doc.title().isBlank(), "no <title>");
            assertNotNull(doc.selectFirst("meta[charset=utf-8]"), "no <meta charset>");
            assertNotNull(doc.selectFirst("meta[name=viewport]"), "no viewport meta");
            assertEquals(1, doc.select("h1").size(), "one <h1> per page");
            var ids = new HashSet<String>();
            for (Element e : doc.select("[id]")) {
                assertTrue(ids.add(e.id()), page.path() + ": id '" + e.id() + "' appears twice");
            }
            for (Element button : doc.select("button")) {
                assertEquals("button", button.attr("type"), page.path() + ": " + button);
            }
            for (Element e : doc.select("script[src], link[href], img[src]")) {
                String url = e.hasAttr("src") ? e.attr("src") : e.attr("href");
                assertFalse(url.matches("(?i)(https?:)?//.*"), page.path() + " fetches " + url + " from elsewhere");
                assertResolves(page.path(), url);
            }
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href");
                if (!href.matches("(?i)(https?|mailto):.*")) {
                    assertResolves(page.path(), href);
                }
            }
            String footer = doc.selectFirst("footer").text();
            assertTrue(footer.contains("MIT-0") && footer.contains("CC BY 4.0"), "licences missing: " + footer);
        }));
    }

    /** A relative link from {@code page}: its file exists in the site, and so does its anchor. */
    private static void assertResolves(String page, String href) {
        assertFalse(href.isBlank() || href.startsWith("/") || href.startsWith("file:"), page + ": link '" + href + "'");
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        String anchor = hash < 0 ? "" : href.substring(hash + 1);
        String target = path.isEmpty() ? page
                : GeneratedSite.DIR.relativize(GeneratedSite.DIR.resolve(page).getParent().resolve(path).normalize())
                .toString().replace('\\', '/');
        assertFalse(target.startsWith(".."), page + ": " + href + " leaves the site");
        assertTrue(Files.isRegularFile(GeneratedSite.DIR.resolve(target)), page + ": " + href + " leads nowhere");
        if (!anchor.isEmpty()) {
            assertTrue(target.endsWith(".html"), page + ": anchor on a file that is not a page: " + href);
            assertNotNull(GeneratedSite.page(target).document().getElementById(anchor),
                    page + ": " + href + ": no element with id '" + anchor + "' in " + target);
        }
    }

    @TestFactory
    @DisplayName("each code column holds every line of its source file, once, in order; hidden lines are comments or markers")
    Stream<DynamicTest> codeColumnEqualsTheSource() {
        return GeneratedSite.recipes().stream().map(recipe -> DynamicTest.dynamicTest(recipe[0], () -> {
            Document doc = GeneratedSite.page(recipe[1] + "/" + recipe[0] + ".html").document();
            List<String> source = GeneratedSite.lines(GeneratedSite.source(recipe));
            List<Element> lines = doc.select(".segments .line");
            assertEquals(source, lines.stream().map(SiteStructureTest::text).toList(), recipe[0]);
            for (int i = 0; i < lines.size(); i++) {
                Element line = lines.get(i);
                String text = source.get(i);
                assertEquals(String.valueOf(i + 1), line.attr("data-line"));
                List<String> kinds = line.classNames().stream().filter(KINDS::contains).toList();
                assertEquals(1, kinds.size(), "line " + (i + 1) + " has one role: " + line.classNames());
                switch (kinds.getFirst()) {
                    case "header" -> assertNotNull(line.closest("details"), "header line outside the collapsed block");
                    case "marker" -> assertTrue(MARKER.matcher(text).matches(), "not a marker: " + text);
                    case "prose" -> assertTrue(text.isBlank() || text.strip().matches("(//|/\\*|\\*).*"),
                            "moved to the prose column but not a comment: line " + (i + 1) + ": " + text);
                    default -> assertNotNull(line.closest(".segment .code"));
                }
            }
        }));
    }

    @TestFactory
    @DisplayName("the idiom highlighted is exactly the lines between tag::idiom[] and end::idiom[]; Copy idiom only where there is one")
    Stream<DynamicTest> idiomMatchesTheMarkers() {
        return GeneratedSite.recipes().stream().map(recipe -> DynamicTest.dynamicTest(recipe[0], () -> {
            Document doc = GeneratedSite.page(recipe[1] + "/" + recipe[0] + ".html").document();
            List<String> source = GeneratedSite.lines(GeneratedSite.source(recipe));
            var expected = new ArrayList<String>();
            boolean inside = false;
            for (int i = 0; i < source.size(); i++) {
                if (IDIOM_END.matcher(source.get(i)).matches()) {
                    inside = false;
                }
                if (inside) {
                    expected.add(String.valueOf(i + 1));
                }
                if (IDIOM_START.matcher(source.get(i)).matches()) {
                    inside = true;
                }
            }
            assertEquals(expected, doc.select(".segments .line.idiom").eachAttr("data-line"));
            assertEquals(!expected.isEmpty(), doc.selectFirst("button[data-copy=idiom]") != null);
            assertNotNull(doc.selectFirst("button[data-copy=file]"));
            if (expected.isEmpty()) {
                assertTrue(doc.selectFirst(".idiom-note.missing").text().contains("No idiom region"));
            }
        }));
    }

    @Test
    @DisplayName("next links walk every recipe once, in syllabus order; prev links walk back")
    void nextAndPreviousFollowTheSyllabus() {
        List<String> syllabus = GeneratedSite.recipes().stream().map(r -> r[1] + "/" + r[0] + ".html").toList();
        var visited = new ArrayList<String>();
        String page = syllabus.getFirst();
        assertTrue(GeneratedSite.page(page).document().select("a[rel=prev]").isEmpty(), "the first recipe has no prev");
        while (page != null) {
            assertFalse(visited.contains(page), "visited twice: " + page);
            visited.add(page);
            Element next = GeneratedSite.page(page).document().selectFirst("a[rel=next]");
            page = next == null ? null : follow(page, next.attr("href"));
        }
        assertEquals(syllabus, visited);
        var back = new ArrayList<String>();
        for (page = syllabus.getLast(); page != null; ) {
            back.addFirst(page);
            Element prev = GeneratedSite.page(page).document().selectFirst("a[rel=prev]");
            page = prev == null ? null : follow(page, prev.attr("href"));
        }
        assertEquals(syllabus, back);
    }

    @Test
    @DisplayName("the index lists every recipe in syllabus order; its filter data holds ID, title, Python and Java names")
    void indexAndFilterData() {
        Document index = GeneratedSite.page("index.html").document();
        List<Element> entries = index.select("li.recipe-entry");
        assertEquals(GeneratedSite.recipes().stream().map(r -> r[0]).toList(), entries.stream().map(Element::id).toList());
        for (Element entry : entries) {
            String search = entry.attr("data-search");
            assertTrue(search.contains(entry.id().toLowerCase(Locale.ROOT)), entry.id());
            assertTrue(search.contains(entry.selectFirst(".title").text().toLowerCase(Locale.ROOT)), entry.id());
            for (String side : List.of(".maps .py", ".maps .java")) {
                Element names = entry.selectFirst(side);
                assertNotNull(names, entry.id() + " shows no " + side + " (a row in its module README's table)");
                String words = names.text().replaceFirst("^(Python|Java) ", "").toLowerCase(Locale.ROOT);
                assertTrue(search.contains(words), entry.id() + ": filter data lacks '" + words + "'");
            }
        }
        String lck04 = index.getElementById("LCK-04").attr("data-search");
        assertTrue(lck04.contains("rlock") && lck04.contains("semaphore(1)"), lck04);
        assertNotNull(index.getElementById("python-to-java"), "the big Python to Java table");
        assertTrue(index.select("#python-to-java table tr").size() > 5);
    }

    @Test
    @DisplayName("the index links every note across chapters, and every chapter has a page linking its recipes")
    void notesAndChapters() throws Exception {
        Document index = GeneratedSite.page("index.html").document();
        try (Stream<Path> notes = Files.list(GeneratedSite.ROOT.resolve("notes"))) {
            for (Path note : notes.filter(p -> p.toString().endsWith(".md")).toList()) {
                String name = note.getFileName().toString().replace(".md", ".html");
                assertNotNull(index.selectFirst("#notes a[href=notes/" + name + "]"), name);
                assertNotNull(GeneratedSite.page("notes/" + name).document().selectFirst("article h1"), name);
            }
        }
        for (String module : GeneratedSite.SYLLABUS) {
            Document page = GeneratedSite.page(module + "/index.html").document();
            for (String[] recipe : GeneratedSite.recipes()) {
                if (recipe[1].equals(module)) {
                    assertNotNull(page.selectFirst("#recipes a[href=" + recipe[0] + ".html]"), module + " " + recipe[0]);
                }
            }
        }
    }

    @TestFactory
    @DisplayName("each recipe page lists every claim its tests make, with a verdict and a link to the test")
    Stream<DynamicTest> claimsAreListed() {
        return GeneratedSite.recipes().stream().map(recipe -> DynamicTest.dynamicTest(recipe[0], () -> {
            long claims;
            try (Stream<Path> tests = Files.walk(GeneratedSite.ROOT.resolve(recipe[1]).resolve("src/test/java"))) {
                claims = tests.filter(p -> p.toString().endsWith(".java"))
                        .flatMap(p -> GeneratedSite.lines(p).stream())
                        .filter(l -> l.strip().startsWith("@DisplayName(\"" + recipe[0] + ":")).count();
            }
            Document doc = GeneratedSite.page(recipe[1] + "/" + recipe[0] + ".html").document();
            List<Element> rows = doc.select(".claims-table tbody tr");
            assertEquals(claims, rows.size(), recipe[0] + ": claims in the tests vs rows on the page");
            for (Element row : rows) {
                assertTrue(Set.of("passed", "failed", "skipped", "not run").contains(row.selectFirst(".verdict").text()));
                assertTrue(row.selectFirst("a[href]").attr("href").contains("Test"), row.toString());
            }
        }));
    }

    @Test
    @DisplayName("without JavaScript everything is there; only the copy buttons, filter and theme toggle wait for it")
    void readableWithoutJavaScript() {
        Document index = GeneratedSite.page("index.html").document();
        assertTrue(index.selectFirst(".filter").hasAttr("hidden"));
        assertTrue(index.selectFirst(".theme-toggle").hasAttr("hidden"));
        Document recipe = GeneratedSite.page("locks/LCK-04.html").document();
        recipe.select("button.copy").forEach(b -> assertTrue(b.hasAttr("hidden"), b.toString()));
        assertNotNull(recipe.selectFirst("a[download][href=ReentrantVsNonReentrant.java]"));
        assertTrue(Files.isRegularFile(GeneratedSite.DIR.resolve("locks/ReentrantVsNonReentrant.java")));
        for (var page : GeneratedSite.pages().values()) {
            assertTrue(page.document().select("script:not([src])").isEmpty(), page.path() + " has an inline script");
            assertTrue(page.document().select("[onclick], [onload]").isEmpty(), page.path());
        }
    }

    @Test
    @DisplayName("a recipe page shows its note's parts, its commands and what a copied file needs")
    void recipePageSections() {
        Document doc = GeneratedSite.page("locks/LCK-04.html").document();
        for (String part : List.of("note-python-original", "note-java", "note-where-java-differs",
                "note-claim-and-proof", "note-run-it")) {
            assertNotNull(doc.getElementById(part), part);
        }
        String run = doc.getElementById("run-it").text();
        assertTrue(run.contains("./cookbook run LCK-04") && run.contains("./cookbook test LCK-04"), run);
        String use = doc.getElementById("use-it").text();
        assertTrue(use.contains("org.slf4j:slf4j-api:") && use.contains("ch.qos.logback:logback-classic:"), use);
        assertFalse(use.contains("guava"), "LCK-04 imports no Guava: " + use);
        assertNotNull(doc.selectFirst("a[rel=up], a.up[href=index.html]"));
    }

    @Test
    @DisplayName("a distributed recipe's page lists Hazelcast at the version the build uses, and no import it cannot place")
    void distributedPageListsHazelcast() {
        Document doc = GeneratedSite.page("distributed/DIST-01.html").document();
        String use = doc.getElementById("use-it").text();
        assertTrue(use.contains("com.hazelcast:hazelcast:5.7.0"), use);
        assertTrue(doc.select("#use-it .missing").isEmpty(), use);
    }

    private static String follow(String from, String href) {
        return GeneratedSite.DIR.relativize(GeneratedSite.DIR.resolve(from).getParent().resolve(href).normalize())
                .toString().replace('\\', '/');
    }

    /** A line element's text as the source has it: without the newline it ends with. */
    private static String text(Element line) {
        String text = line.wholeText();
        if (!text.endsWith("\n")) {
            fail("a line element must end with its newline: " + line);
        }
        return text.substring(0, text.length() - 1);
    }
}
