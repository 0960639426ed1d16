package cookbook.site;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recipe's page: the source as rows of prose beside code, the idiom highlighted, the sample
 * output, the note from the module README, the claims with their last verdicts, what a copied
 * file needs, the commands, and the way to the previous and next recipe of the syllabus.
 */
final class RecipePage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Site site;
    private final Recipe recipe;
    private final Site.Chapter chapter;
    private final JavaSource source;
    private final IdiomRegions idiom;
    private final String page;

    RecipePage(Site site, Recipe recipe, JavaSource source) {
        this.site = site;
        this.recipe = recipe;
        this.chapter = site.chapterOf(recipe);
        this.source = source;
        this.idiom = IdiomRegions.of(source);
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
        main.append(code());
        sampleOutput.ifPresent(output -> main.append("""
                <section id="sample-output" class="sample-output">
                <h2>Sample output</h2>
                <p>What <code>./cookbook run %s</code> printed when it was recorded; parts that vary from run \
                to run are written as patterns.</p>
                <pre><samp>%s</samp></pre>
                </section>
                """.formatted(recipe.id(), Html.escape(output))));
        main.append(note());
        main.append(claims());
        main.append(useIt());
        main.append(runIt());
        main.append(pager());
        return site.layout.page(page, recipe.id() + ": " + recipe.title(), main.toString());
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

    private String code() {
        var html = new StringBuilder("<section id=\"code\" class=\"code-section\">\n<h2>The code, explained</h2>\n");
        if (idiom.isEmpty()) {
            html.append("<p class=\"idiom-note missing\">No idiom region is marked in this recipe yet "
                    + "(<code>// tag::idiom[]</code> … <code>// end::idiom[]</code>), so there is nothing to "
                    + "highlight or to copy as the idiom: copy the file.</p>\n");
        } else {
            var ranges = new ArrayList<String>();
            for (IdiomRegions.Region r : idiom.regions) {
                ranges.add("<a href=\"#L" + (r.start() + 1) + "\">lines " + (r.start() + 1) + "–" + (r.end() - 1) + "</a>");
            }
            html.append("<p class=\"idiom-note\"><span class=\"idiom-swatch\"></span> The idiom, the lines you came for, "
                    + "is highlighted (").append(String.join(", ", ranges)).append("); <em>Copy idiom</em> copies them.</p>\n");
            idiom.errors.forEach(e -> html.append("<p class=\"idiom-note missing\">Idiom markers: ")
                    .append(Html.escape(e)).append("</p>\n"));
        }
        html.append("""
                <input type="checkbox" id="verbatim" class="verbatim-toggle">\
                <label for="verbatim">Show the comments in the code as well (the file exactly as written)</label>
                <div class="segments" data-source="%s">
                """.formatted(Html.escape(recipe.sourcePath())));
        int header = source.headerEnd();
        if (header > 0) {
            long imports = source.unit.map(u -> (long) u.getImports().size()).orElse(0L);
            html.append("<div class=\"segment header-segment\">\n<div class=\"prose\">")
                    .append(needsSummary()).append("</div>\n<div class=\"code\"><details><summary>")
                    .append(Html.escape(source.line(1).strip())).append(imports == 0 ? "" : " and " + imports
                            + (imports == 1 ? " import" : " imports"))
                    .append("</summary><pre><code>");
            lines(html, 1, header);
            html.append("</code></pre></details></div>\n</div>\n");
        }
        for (Segments.Segment segment : Segments.of(source)) {
            boolean proseInIdiom = false;
            for (int n = segment.first(); n <= segment.last(); n++) {
                proseInIdiom |= source.kind(n) == JavaSource.Kind.PROSE && idiom.contains(n);
            }
            html.append("<div class=\"segment\">\n<div class=\"prose").append(proseInIdiom ? " in-idiom" : "")
                    .append("\">");
            for (String prose : segment.prose()) {
                html.append(Markdown.renderFragment(Markdown.parseFragment(prose), page));
            }
            html.append("</div>\n<div class=\"code\"><pre><code>");
            lines(html, segment.first(), segment.last());
            html.append("</code></pre></div>\n</div>\n");
        }
        return html.append("</div>\n</section>\n").toString();
    }

    /** One element per source line, carrying its role; the text of each is the line exactly. */
    private void lines(StringBuilder html, int first, int last) {
        for (int n = first; n <= last; n++) {
            var css = new StringBuilder("line ").append(source.kind(n).name().toLowerCase(Locale.ROOT));
            int line = n;
            if (idiom.contains(line)) {
                css.append(" idiom");
                if (idiom.regions.stream().anyMatch(r -> r.start() + 1 == line)) {
                    css.append(" idiom-first");
                }
            }
            html.append("<span class=\"").append(css).append("\" id=\"L").append(n).append("\" data-line=\"")
                    .append(n).append("\">").append(source.html.get(n - 1)).append('\n').append("</span>");
        }
    }

    private String needsSummary() {
        return source.unit.map(unit -> {
            Dependencies.Needs needs = Dependencies.of(unit, site.project);
            return needs.jdkOnly()
                    ? "<p>Imports from the JDK only: the file needs nothing but JDK 25.</p>"
                    : "<p>Imports from the JDK and " + String.join(" and ", needs.libraries())
                    + ": see <a href=\"#use-it\">Use it</a> for the dependencies.</p>";
        }).orElse("");
    }

    private String note() {
        var html = new StringBuilder("<section id=\"note\" class=\"note\">\n<h2>Note</h2>\n");
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

    private String claims() {
        List<Claims.Claim> claims = chapter.claims().stream().filter(c -> c.id().equals(recipe.id())).toList();
        var html = new StringBuilder("<section id=\"claims\" class=\"claims\">\n<h2>Claims and their proofs</h2>\n");
        if (claims.isEmpty()) {
            html.append("<p class=\"missing\">No test claims this recipe yet (a test whose display name starts with <code>")
                    .append(recipe.id()).append(":</code>).</p>\n</section>\n");
            return html.toString();
        }
        SurefireReports reports = chapter.reports();
        html.append("<p>").append(reports.written
                .map(t -> "Verdicts of the last test run of " + chapter.module() + " (reports written "
                        + WHEN.format(t.toInstant()) + "). ")
                .orElse("No test run of " + chapter.module() + " has been recorded yet, so every claim shows "
                        + "<em>not run</em>. "))
                .append("Rerun them with <code>./cookbook test ").append(recipe.id())
                .append("</code>, or record new verdicts with <code>./mvnw -pl ").append(chapter.module())
                .append(" -am verify</code> and <code>./cookbook site</code>.</p>\n");
        html.append("<table class=\"claims-table\">\n<thead><tr><th scope=\"col\">Verdict</th>"
                + "<th scope=\"col\">Claim</th><th scope=\"col\">Proved by</th></tr></thead>\n<tbody>\n");
        for (Claims.Claim claim : claims) {
            SurefireReports.Verdict verdict = reports.verdict(claim.testClass(), claim.method());
            String detail = switch (verdict.status()) {
                case PASSED -> verdict.runs() > 1 ? verdict.passed() + " of " + verdict.runs() + " runs" : "";
                case FAILED, SKIPPED -> verdict.message();
                case NOT_RUN -> claim.tags().isEmpty() ? ""
                        : "opt-in: tagged " + String.join(", ", claim.tags()) + "; run with -P" + claim.tags().getFirst();
            };
            String testName = claim.testClass().substring(claim.testClass().lastIndexOf('.') + 1) + "." + claim.method();
            html.append("<tr class=\"verdict-").append(verdict.status().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append("\"><td><span class=\"verdict\">").append(verdict.word()).append("</span>")
                    .append(detail.isBlank() ? "" : "<br><small>" + Html.escape(abbreviate(detail)) + "</small>")
                    .append("</td><td>").append(Html.escape(claim.text())).append("</td><td><a href=\"")
                    .append(Html.relative(page, site.links.filePage(claim.testFile()))).append("#L").append(claim.line())
                    .append("\"><code>").append(Html.escape(testName)).append("</code></a></td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
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
        if (source.unit.isEmpty()) {
            return html.append("</section>\n").toString();
        }
        Dependencies.Needs needs = Dependencies.of(source.unit.get(), site.project);
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
                    "imports neither JDK, Guava nor SLF4J: " + needs.unknownImports());
        }
        return html.append("</section>\n").toString();
    }

    private String runIt() {
        String args = recipe.usage().isBlank() ? "" : " " + recipe.usage();
        return """
                <section id="run-it" class="run-it">
                <h2>Run it, prove it</h2>
                <p>From a clone of the cookbook (JDK 25; the first command builds the project):</p>
                <pre class="snippet"><code>./cookbook run %s%s    # run it and watch what it prints, thread names included
                ./cookbook test %s    # run the tests that prove its claims, a verdict each</code></pre>
                </section>
                """.formatted(recipe.id(), Html.escape(args), recipe.id());
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
