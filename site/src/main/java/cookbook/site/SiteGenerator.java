package cookbook.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the side-by-side site of the cookbook from what the project holds: the recipe
 * registries, module READMEs, recipe sources, test display names, the last Surefire reports
 * and the recorded sample outputs. Run by the build ({@code site/target/site}) and by
 * {@code ./cookbook site}.
 *
 * <pre>java cookbook.site.SiteGenerator PROJECT_ROOT OUTPUT_DIR   (-Dsite.strict=true: fail on any
 * problem found in the sources, a recipe without an idiom region included)</pre>
 */
public final class SiteGenerator {
    /** A file in the output directory that says the generator wrote it, and may empty it. */
    static final String MARK = ".cookbook-site";
    private static final List<String> ASSETS = List.of("site.css", "site.js", "favicon.svg");

    /** What was written: the index page, how many pages, and what was found wrong. */
    public record Result(Path index, int recipePages, int pages, List<String> warnings, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private SiteGenerator() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SiteGenerator PROJECT_ROOT OUTPUT_DIR");
            System.exit(2);
        }
        Result result = generate(Path.of(args[0]), Path.of(args[1]), Boolean.getBoolean("site.strict"));
        report(result, System.out);
        if (!result.ok()) {
            System.exit(1);
        }
    }

    /** Prints what was written and every warning or error, one line each. */
    public static void report(Result result, PrintStream out) {
        out.println("site: " + result.recipePages() + " recipe pages, " + result.pages() + " pages in all: "
                + result.index().toUri());
        result.warnings().forEach(w -> out.println("site: warning: " + w));
        result.errors().forEach(e -> out.println("site: ERROR: " + e));
    }

    /**
     * Writes the site of the project at {@code root} into {@code out} (emptied first, if the
     * generator wrote it). What is wrong in the sources (a recipe without an idiom region, a
     * README link that leads nowhere, a missing note) is written around and reported: as
     * warnings, or with {@code strict} as errors.
     */
    public static Result generate(Path root, Path out, boolean strict) {
        Path projectRoot = root.toAbsolutePath().normalize();
        Path dir = out.toAbsolutePath().normalize();
        var site = new Site(Project.at(projectRoot));
        prepare(dir);
        int pages = 0;
        for (Recipe recipe : site.syllabus) {
            Path sourceFile = projectRoot.resolve(recipe.sourcePath());
            JavaSource source;
            if (Files.isRegularFile(sourceFile)) {
                source = site.sources.get(recipe.sourcePath());
            } else {
                site.problems.add(Problems.Kind.UNPARSABLE, recipe.sourcePath(), "listed in the registry, but missing");
                source = JavaSource.parse(recipe.sourcePath(), "", site.problems);
            }
            var page = new RecipePage(site, recipe, source);
            Path sample = projectRoot.resolve(recipe.module()).resolve("src/test/resources/sample-output")
                    .resolve(recipe.id() + ".txt");
            write(dir, recipe.page(), page.html(Files.isRegularFile(sample)
                    ? Optional.of(Project.read(sample)) : Optional.empty()));
            copy(sourceFile, dir.resolve(recipe.module()).resolve(recipe.simpleName() + ".java"));
            pages++;
        }
        int recipePages = pages;
        for (int i = 0; i < site.chapters.size(); i++) {
            Site.Chapter chapter = site.chapters.get(i);
            write(dir, chapter.page(), ModulePage.html(site, chapter,
                    i > 0 ? Optional.of(site.chapters.get(i - 1)) : Optional.empty(),
                    i + 1 < site.chapters.size() ? Optional.of(site.chapters.get(i + 1)) : Optional.empty()));
            pages++;
        }
        write(dir, IndexPage.PAGE, IndexPage.html(site));
        pages++;
        if (site.rootReadme.isPresent()) {
            write(dir, "readme.html", MarkdownPage.html(site, site.rootReadme.get(), "readme.html",
                    List.<String[]>of(new String[] {"About this cookbook"})));
            pages++;
        }
        if (!site.results.isEmpty()) {
            write(dir, ResultsPage.PAGE, ResultsPage.html(site));
            copy(projectRoot.resolve(ResultsPage.DIR).resolve(ResultsPage.CHART), dir.resolve("results").resolve(ResultsPage.CHART));
            pages++;
        }
        for (Markdown.Doc note : site.notes) {
            write(dir, Site.notePage(note), MarkdownPage.html(site, note, Site.notePage(note),
                    List.<String[]>of(new String[] {"Notes", "index.html#notes"}, new String[] {Site.noteTitle(note)})));
            pages++;
        }
        pages += writeFilePages(site, projectRoot, dir);
        for (String asset : ASSETS) {
            write(dir, "assets/" + asset, resource(asset));
        }
        return result(site, dir, recipePages, pages, strict);
    }

    /** Pages for the other files the site links to; a Markdown one may link to more, hence the loop. */
    private static int writeFilePages(Site site, Path root, Path dir) {
        Set<String> written = new HashSet<>();
        int pages = 0;
        while (!written.containsAll(site.links.filePages())) {
            for (String repoPath : site.links.filePages()) {
                if (!written.add(repoPath)) {
                    continue;
                }
                String text = Project.read(root.resolve(repoPath));
                String page = site.links.filePage(repoPath);
                if (repoPath.endsWith(".md")) {
                    var doc = Markdown.parse(repoPath, text);
                    Markdown.resolveLinks(doc, site.links, site.problems);
                    write(dir, page, MarkdownPage.html(site, doc, page, List.<String[]>of(new String[] {repoPath})));
                } else {
                    write(dir, page, FilePage.html(site, repoPath, text));
                }
                pages++;
            }
        }
        return pages;
    }

    private static Result result(Site site, Path dir, int recipePages, int pages, boolean strict) {
        var problems = new ArrayList<String>();
        List<Problems.Problem> missing = site.problems.of(Problems.Kind.NO_IDIOM);
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + site.syllabus.size() + " recipes have no idiom region yet: "
                    + String.join(", ", missing.stream().map(Problems.Problem::where).toList()));
        }
        site.problems.all().stream().filter(p -> p.kind() != Problems.Kind.NO_IDIOM)
                .forEach(p -> problems.add(p.kind() + " " + p));
        if (!strict && !problems.isEmpty()) {
            problems.add("(-Dsite.strict=true makes these errors)");
        }
        return new Result(dir.resolve(IndexPage.PAGE), recipePages, pages, strict ? List.of() : List.copyOf(problems),
                strict ? List.copyOf(problems) : List.of());
    }

    /** Empties the output directory, but only one this generator wrote (it refuses any other). */
    private static void prepare(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                boolean ours = Files.exists(dir.resolve(MARK));
                try (Stream<Path> entries = Files.list(dir)) {
                    if (!ours && entries.findAny().isPresent()) {
                        throw new IllegalStateException(dir + " is not empty and was not written by the site "
                                + "generator; pick an empty or new directory");
                    }
                }
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARK), "written by cookbook.site.SiteGenerator; emptied on each run\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static void write(Path dir, String page, String content) {
        try {
            Path file = dir.resolve(page);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + page, e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SiteGenerator.class.getResourceAsStream("/cookbook/site/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /cookbook/site/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
