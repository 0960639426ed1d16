package cookbook.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;

/**
 * The site the build wrote ({@code site.dir}, normally {@code site/target/site}), generated
 * here if it is missing, and what the tests compare it with: the project's own files, read
 * without the generator's help.
 */
final class GeneratedSite {
    static final Path ROOT = Path.of(System.getProperty("cookbook.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = Path.of(System.getProperty("site.dir", "target/site")).toAbsolutePath().normalize();
    static final List<String> SYLLABUS = List.of("threads", "locks", "pools", "processes", "async",
            "producer-consumer", "distributed");

    /** A parsed page, and the HTML errors the parser met on the way. */
    record Page(String path, Document document, ParseErrorList errors) {
    }

    private static Map<String, Page> pages;

    private GeneratedSite() {
    }

    static synchronized Map<String, Page> pages() {
        if (pages == null) {
            if (!Files.exists(DIR.resolve("index.html"))) {
                SiteGenerator.generate(ROOT, DIR, false);
            }
            pages = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                    String path = DIR.relativize(file).toString().replace('\\', '/');
                    var parser = Parser.htmlParser().setTrackErrors(50);
                    Document doc = Jsoup.parse(Files.readString(file), "", parser);
                    pages.put(path, new Page(path, doc, parser.getErrors()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    static Page page(String path) {
        Page page = pages().get(path);
        if (page == null) {
            throw new AssertionError("the site has no page " + path);
        }
        return page;
    }

    /** Every recipe the registries list, as {ID, module, class}, in syllabus order then ID number order. */
    static List<String[]> recipes() {
        var all = new ArrayList<String[]>();
        for (String module : SYLLABUS) {
            Path registry = ROOT.resolve(module).resolve("src/main/resources/META-INF/cookbook/recipes.tsv");
            var inModule = new ArrayList<String[]>();
            for (String line : lines(registry)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    inModule.add(new String[] {cols[0], cols[2], cols[3]});
                }
            }
            inModule.sort((a, b) -> Integer.compare(number(a[0]), number(b[0])));
            all.addAll(inModule);
        }
        return all;
    }

    static Path source(String[] recipe) {
        return ROOT.resolve(recipe[1]).resolve("src/main/java").resolve(recipe[2].replace('.', '/') + ".java");
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }
}
