package cookbook.site;

import java.util.List;

/**
 * The frame every page shares: head (one local stylesheet, one local script), the header with
 * the chapters, the footer with the licences. Links are relative, so the site works from
 * {@code file://} as well as from a server, and nothing is fetched from elsewhere.
 */
final class Layout {
    static final String SITE_TITLE = "Java Concurrency Cookbook";

    private final List<String> chapters;
    private final boolean results;

    /** {@code results}: the project has a published benchmark run, so the header links its page. */
    Layout(List<String> chapters, boolean results) {
        this.chapters = chapters;
        this.results = results;
    }

    /** A whole page at {@code path} (relative to the site root) around {@code main}. */
    String page(String path, String title, String main) {
        var nav = new StringBuilder();
        for (String chapter : chapters) {
            nav.append("<li><a href=\"").append(Html.relative(path, chapter + "/index.html")).append("\">")
                    .append(Html.escape(chapter)).append("</a></li>");
        }
        nav.append("<li><a href=\"").append(Html.relative(path, "index.html")).append("#notes\">notes</a></li>");
        if (results) {
            nav.append("<li><a href=\"").append(Html.relative(path, ResultsPage.PAGE)).append("\">results</a></li>");
        }
        nav.append("<li><a href=\"").append(Html.relative(path, "readme.html")).append("\">about</a></li>");
        String fullTitle = title.equals(SITE_TITLE) ? title : title + " · " + SITE_TITLE;
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>%s</title>
                <link rel="icon" href="%s" type="image/svg+xml">
                <link rel="stylesheet" href="%s">
                <script src="%s"></script>
                </head>
                <body>
                <a class="skip" href="#main">Skip to the content</a>
                <header class="site-header">
                <a class="brand" href="%s">%s</a>
                <nav class="chapters" aria-label="Chapters"><ul>%s</ul></nav>
                <button type="button" class="theme-toggle" hidden>Dark theme</button>
                </header>
                <main id="main">
                %s
                </main>
                <footer class="site-footer">
                <p><strong>Licences.</strong> The code is <a href="https://spdx.org/licenses/MIT-0.html">MIT-0</a>:
                copy a recipe into your own project, no attribution needed. The notes (the READMEs and the
                prose of this site) are <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>
                <p>Generated from the project's sources by <code>./cookbook site</code>. Verdicts come from the last
                test run (<code>./mvnw verify</code>).</p>
                </footer>
                </body>
                </html>
                """.formatted(Html.escape(fullTitle), Html.relative(path, "assets/favicon.svg"),
                Html.relative(path, "assets/site.css"),
                Html.relative(path, "assets/site.js"), Html.relative(path, "index.html"), SITE_TITLE, nav, main);
    }

    /** "Cookbook › locks › LCK-04": each step but the last a link. */
    static String crumbs(String path, List<String[]> steps) {
        var html = new StringBuilder("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"")
                .append(Html.relative(path, "index.html")).append("\">Cookbook</a>");
        for (String[] step : steps) {
            html.append(" <span aria-hidden=\"true\">›</span> ");
            if (step.length > 1) {
                html.append("<a href=\"").append(Html.relative(path, step[1])).append("\">")
                        .append(Html.escape(step[0])).append("</a>");
            } else {
                html.append("<span>").append(Html.escape(step[0])).append("</span>");
            }
        }
        return html.append("</nav>\n").toString();
    }
}
