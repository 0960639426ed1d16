package cookbook.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the pages are written from, read once: the chapters in syllabus order with their
 * READMEs, recipes, claims and last verdicts; the root README; the notes; and where each file
 * of the project is shown. Links in the Markdown are resolved here, once every page is known.
 */
final class Site {
    /** A module of recipes: its README (if any), its recipes in catalogue order, claims and verdicts. */
    record Chapter(String module, Optional<ModuleReadme> readme, List<Recipe> recipes, List<Claims.Claim> claims,
                   SurefireReports reports) {
        String title() {
            return readme.map(r -> r.title).filter(t -> !t.isBlank()).orElse(module);
        }

        String page() {
            return module + "/index.html";
        }
    }

    final Project project;
    final Problems problems = new Problems();
    final Sources sources;
    final SiteLinks links;
    final List<Chapter> chapters = new ArrayList<>();
    final List<Recipe> syllabus = new ArrayList<>();
    final Optional<Markdown.Doc> rootReadme;
    final List<Markdown.Doc> notes = new ArrayList<>();
    /** The benchmarks' last published run, when the project has one: the results page. */
    final List<Markdown.Doc> results = new ArrayList<>();
    final Layout layout;

    Site(Project project) {
        this.project = project;
        this.links = new SiteLinks(project.root);
        var javaFiles = new ArrayList<String>();
        for (String module : project.modules) {
            project.recipesOf(module).forEach(r -> javaFiles.add(r.sourcePath()));
            javaFiles.addAll(Claims.testFiles(project, module));
        }
        this.sources = new Sources(project, javaFiles, problems);
        for (String module : project.modules) {
            Path readmeFile = project.root.resolve(module).resolve("README.md");
            Optional<ModuleReadme> readme = Files.isRegularFile(readmeFile)
                    ? Optional.of(ModuleReadme.parse(module + "/README.md", Project.read(readmeFile)))
                    : Optional.empty();
            var chapter = new Chapter(module, readme, project.recipesOf(module),
                    Claims.of(project, module, sources), SurefireReports.of(project.root.resolve(module)));
            chapters.add(chapter);
            syllabus.addAll(chapter.recipes());
            chapter.recipes().forEach(links::recipe);
            readme.ifPresent(r -> register(chapter, r));
        }
        Path readmeFile = project.root.resolve("README.md");
        rootReadme = Files.isRegularFile(readmeFile)
                ? Optional.of(Markdown.parse("README.md", Project.read(readmeFile)))
                : Optional.empty();
        rootReadme.ifPresent(doc -> links.page("README.md", "readme.html", doc.allAnchors()));
        for (Path note : project.notes()) {
            var doc = Markdown.parse(project.relative(note), Project.read(note));
            notes.add(doc);
            links.page(doc.repoPath, notePage(doc), doc.allAnchors());
        }
        for (String table : ResultsPage.TABLES) {
            Path file = project.root.resolve(ResultsPage.DIR).resolve(table);
            if (Files.isRegularFile(file)) {
                var doc = Markdown.parse(ResultsPage.DIR + "/" + table, Project.read(file));
                results.add(doc);
                links.page(doc.repoPath, ResultsPage.PAGE, doc.allAnchors());
            }
        }
        resolveLinks();
        this.layout = new Layout(project.modules, !results.isEmpty());
    }

    private void register(Chapter chapter, ModuleReadme readme) {
        links.page(readme.doc.repoPath, chapter.page(), readme.doc.allAnchors());
        for (Recipe recipe : chapter.recipes()) {
            readme.sectionAnchor(recipe.id())
                    .ifPresent(anchor -> links.anchorPage(readme.doc.repoPath, anchor, recipe.page()));
            if (!readme.sections.containsKey(recipe.id())) {
                problems.add(Problems.Kind.MISSING_NOTE, readme.doc.repoPath, "no '## " + recipe.id()
                        + ": title' section for " + recipe.id());
            }
            if (!readme.rows.containsKey(recipe.id())) {
                problems.add(Problems.Kind.MISSING_NOTE, readme.doc.repoPath, "no row for " + recipe.id()
                        + " in the table (ID | Recipe | Python original | Java idiom | Proving test)");
            }
        }
    }

    private void resolveLinks() {
        for (Chapter chapter : chapters) {
            chapter.readme().ifPresent(readme -> {
                Markdown.resolveLinks(readme.doc, links, problems);
                Markdown.linkRecipeIds(readme.intro, links, null);
                Markdown.linkRecipeIds(readme.after, links, null);
                readme.sections.forEach((id, blocks) -> Markdown.linkRecipeIds(blocks, links, id));
            });
        }
        rootReadme.ifPresent(doc -> {
            Markdown.resolveLinks(doc, links, problems);
            Markdown.linkRecipeIds(doc.blocks(), links, null);
        });
        for (Markdown.Doc note : results) {
            Markdown.resolveLinks(note, links, problems);
        }
        for (Markdown.Doc note : notes) {
            Markdown.resolveLinks(note, links, problems);
            Markdown.linkRecipeIds(note.blocks(), links, null);
        }
    }

    static String notePage(Markdown.Doc doc) {
        String name = Path.of(doc.repoPath).getFileName().toString();
        return "notes/" + name.substring(0, name.length() - ".md".length()) + ".html";
    }

    Chapter chapterOf(Recipe recipe) {
        return chapters.stream().filter(c -> c.module().equals(recipe.module())).findFirst().orElseThrow();
    }

    /** The recipe before and after {@code recipe} in the syllabus, if any. */
    Optional<Recipe> previous(Recipe recipe) {
        int i = syllabus.indexOf(recipe);
        return i > 0 ? Optional.of(syllabus.get(i - 1)) : Optional.empty();
    }

    Optional<Recipe> next(Recipe recipe) {
        int i = syllabus.indexOf(recipe);
        return i >= 0 && i + 1 < syllabus.size() ? Optional.of(syllabus.get(i + 1)) : Optional.empty();
    }

    /** The note's title: its first heading, or its file name. */
    static String noteTitle(Markdown.Doc doc) {
        return doc.blocks().stream().filter(b -> b instanceof org.commonmark.node.Heading)
                .findFirst().map(Markdown::text).orElse(Path.of(doc.repoPath).getFileName().toString());
    }
}
