package cookbook.site;

import java.util.List;
import java.util.Optional;

/**
 * A recipe's page: the source as rows of prose beside code, the idiom highlighted, the sample
 * output, the note from the module README, the claims with their last verdicts, what a copied
 * file needs, the commands, and the way to the previous and next recipe of the syllabus.
 */
final class RecipePage {
    private final Site site;
    private final Recipe recipe;
    private final Site.Chapter chapter;
    private final JavaSource source;
    private final IdiomRegions idiom;
    private final Optional<Dependencies.Needs> needs;
    private final String page;

    RecipePage(Site site, Recipe recipe, JavaSource source) {
        this.site = site;
        this.recipe = recipe;
        this.chapter = site.chapterOf(recipe);
        this.source = source;
        this.idiom = IdiomRegions.of(source);
        this.needs = source.unit.map(unit -> Dependencies.of(unit, site.project));
        this.page = recipe.page();
        if (idiom.isEmpty() && idiom.errors.isEmpty()) {
            site.problems.add(Problems.Kind.NO_IDIOM, recipe.id(), "no // tag::idiom[] region in " + recipe.sourcePath());
        }
        idiom.errors.forEach(e -> site.problems.add(Problems.Kind.BAD_IDIOM, recipe.sourcePath(), e));
    }

    String html(Optional<String> sampleOutput) {
        var main = new StringBuilder();
        main.append(Layout.crumbs(page, List.of(new String[] {chapter.module(), "index.html"},
                new String[] {recipe.id()})));
        main.append("<h1><span class=\"rid\">").append(recipe.id()).append("</span> ")
                .append(Html.escape(recipe.title())).append("</h1>\n");
        main.append(maps());
        main.append(toolbar());
        main.append("""
                <nav class="toc" aria-label="On this page"><a href="#code">Code</a> <a href="#note">Note</a> \
                <a href="#claims">Claims</a> <a href="#use-it">Use it</a> <a href="#run-it">Run it</a></nav>
                """);
        main.append(new CodeColumn(source, idiom, page, needsSummary()).html());
        sampleOutput.ifPresent(output -> main.append(sampleOutput(output)));
        main.append(note());
        main.append(ClaimsTable.html(chapter, recipe, page, site.links));
        main.append(useIt());
        main.append(runIt());
        main.append(pager());
        return site.layout.page(page, recipe.id() + ": " + recipe.title(), main.toString());
    }

    /**
     * The recording, patterns shown as short placeholders ({@code ‹time›}); a recording the
     * checker could not read is shown as written, and reported.
     */
    private String sampleOutput(String recording) {
        String shown;
        try {
            SampleOutput.parse(recording);
            shown = SampleOutput.html(recording);
        } catch (IllegalArgumentException e) {
            site.problems.add(Problems.Kind.BAD_SAMPLE, recipe.id(), "sample output: " + e.getMessage());
            shown = Html.escape(recording);
        }
        String legend = SampleOutput.hasPatterns(recording)
                ? " A <var>‹placeholder›</var> stands for what varies (a time, a duration, a pid, a port); lines"
                        + " marked by a bar on the left may come in any order, dimmed ones may be absent or repeat."
                : "";
        return """
                <section id="sample-output" class="sample-output">
                <h2>Sample output</h2>
                <p>What <code>./cookbook run %s</code> prints; <code>./cookbook check-samples %s</code> \
                compares a fresh run with this recording.%s</p>
                <pre><samp>%s</samp></pre>
                </section>
                """.formatted(recipe.id(), recipe.id(), legend, shown);
    }

    /** Python original and Java idiom, from the module README's table. */
    private String maps() {
        Optional<ModuleReadme.Row> row = chapter.readme().map(r -> r.rows.get(recipe.id()));
        if (row.isEmpty()) {
            return "";
        }
        Markdown.Doc doc = chapter.readme().orElseThrow().doc;
        return """
                <dl class="maps">
                <div><dt>Python original</dt><dd>%s</dd></div>
                <div><dt>Java idiom</dt><dd>%s</dd></div>
                </dl>
                """.formatted(Markdown.renderInline(row.get().python(), doc, page),
                Markdown.renderInline(row.get().java(), doc, page));
    }

    private String toolbar() {
        String file = recipe.simpleName() + ".java";
        return """
                <div class="toolbar">
                <button type="button" class="copy" data-copy="file" hidden>Copy file</button>
                %s<a class="button" href="%s" download>Download %s</a>
                <span class="copy-status" role="status" aria-live="polite"></span>
                </div>
                """.formatted(idiom.isEmpty() ? ""
                        : "<button type=\"button\" class=\"copy\" data-copy=\"idiom\" hidden>Copy idiom</button>\n",
                file, file);
    }

    private String needsSummary() {
        return needs.map(n -> n.jdkOnly()
                ? "<p>Imports from the JDK only: the file needs nothing but JDK 25.</p>"
                : "<p>Imports from the JDK and " + String.join(" and ", n.libraries())
                        + ": see <a href=\"#use-it\">Use it</a> for the dependencies.</p>").orElse("");
    }

    private String note() {
        var html = new StringBuilder("<section id=\"note\" class=\"note readable\">\n<h2>Note</h2>\n");
        Optional<ModuleReadme> readme = chapter.readme();
        List<ModuleReadme.Part> parts = readme.map(r -> r.parts(recipe.id())).orElse(List.of());
        if (parts.isEmpty()) {
            html.append("<p class=\"missing\">").append(Html.escape(chapter.module()))
                    .append("/README.md has no section for this recipe yet.</p>\n");
        }
        for (ModuleReadme.Part part : parts) {
            html.append("<section class=\"note-part\" id=\"").append(part.anchor()).append("\">\n")
                    .append(Markdown.render(part.blocks(), readme.orElseThrow().doc, page)).append("</section>\n");
        }
        return html.append("</section>\n").toString();
    }

    private String useIt() {
        String pkg = recipe.className().substring(0, recipe.className().lastIndexOf('.'));
        var html = new StringBuilder("""
                <section id="use-it" class="use-it">
                <h2>Use it in your project</h2>
                <p>The file is complete: its helper types are nested in it and it needs no other file of this \
                cookbook. It declares <code>package %s;</code>, so put it under <code>src/main/java/%s/</code> \
                of a JDK 25 project, or change that first line.</p>
                """.formatted(pkg, pkg.replace('.', '/')));
        if (needs.isEmpty()) {
            return html.append("</section>\n").toString();
        }
        Dependencies.Needs needs = this.needs.get();
        if (needs.jdkOnly()) {
            html.append("<p>It imports from the JDK only: no dependency to add.</p>\n");
        } else {
            html.append("<p>It imports ").append(String.join(" and ", needs.libraries()))
                    .append(". Add these dependencies (the versions this cookbook is tested with):</p>\n<ul>\n");
            for (Dependencies.Artifact a : needs.artifacts()) {
                html.append("<li><code>").append(a.coordinates()).append("</code>")
                        .append(a.scope().equals("runtime") ? " (runtime)" : "").append(": ")
                        .append(Html.escape(a.why())).append("</li>\n");
            }
            html.append("</ul>\n<p>Maven:</p>\n<pre class=\"snippet\"><code>")
                    .append(Html.escape(Dependencies.maven(needs.artifacts()))).append("</code></pre>\n")
                    .append("<p>Gradle (Kotlin DSL):</p>\n<pre class=\"snippet\"><code>")
                    .append(Html.escape(Dependencies.gradle(needs.artifacts()))).append("</code></pre>\n");
        }
        if (!needs.unknownImports().isEmpty()) {
            html.append("<p class=\"missing\">Imports this page cannot place: <code>")
                    .append(Html.escape(String.join(", ", needs.unknownImports()))).append("</code>.</p>\n");
            site.problems.add(Problems.Kind.UNKNOWN_IMPORT, recipe.sourcePath(),
                    "imports neither JDK, Guava, SLF4J nor Hazelcast: " + needs.unknownImports());
        }
        return html.append("</section>\n").toString();
    }

    private String runIt() {
        String run = "./cookbook run " + recipe.id() + (recipe.usage().isBlank() ? "" : " " + recipe.usage());
        String test = "./cookbook test " + recipe.id();
        int width = Math.max(run.length(), test.length()) + 4;
        return """
                <section id="run-it" class="run-it">
                <h2>Run it, prove it</h2>
                <p>From a clone of the cookbook (JDK 25; the first command builds the project):</p>
                <pre class="snippet"><code>%s# run it and watch what it prints, thread names included
                %s# run the tests that prove its claims, a verdict each</code></pre>
                </section>
                """.formatted(Html.escape(pad(run, width)), Html.escape(pad(test, width)));
    }

    private static String pad(String command, int width) {
        return command + " ".repeat(width - command.length());
    }

    private String pager() {
        var html = new StringBuilder("<nav class=\"pager\" aria-label=\"Syllabus\">\n");
        site.previous(recipe).ifPresentOrElse(
                p -> html.append(link("prev", p, "← ")),
                () -> html.append("<span class=\"pager-none\">start of the syllabus</span>\n"));
        html.append("<a class=\"up\" href=\"index.html\">").append(Html.escape(chapter.module()))
                .append(": all recipes</a>\n");
        site.next(recipe).ifPresentOrElse(
                n -> html.append(link("next", n, "")),
                () -> html.append("<span class=\"pager-none\">end of the syllabus</span>\n"));
        return html.append("</nav>\n").toString();
    }

    private String link(String rel, Recipe to, String arrowBefore) {
        return "<a rel=\"" + rel + "\" href=\"" + Html.relative(page, to.page()) + "\">" + arrowBefore
                + "<span class=\"rid\">" + to.id() + "</span> " + Html.escape(to.title())
                + (arrowBefore.isEmpty() ? " →" : "") + "</a>\n";
    }
}
