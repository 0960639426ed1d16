package cookbook.site;

import java.util.List;

/**
 * Any other file of the project that a page links to (a test, a script), shown whole with line
 * anchors ({@code #L42}), highlighted when it is Java.
 */
final class FilePage {
    private FilePage() {
    }

    static String html(Site site, String repoPath, String text) {
        String page = "files/" + repoPath + ".html";
        var main = new StringBuilder(Layout.crumbs(page, List.<String[]>of(new String[] {repoPath})));
        main.append("<h1 class=\"file-title\"><code>").append(Html.escape(repoPath)).append("</code></h1>\n");
        List<String> lines;
        if (repoPath.endsWith(".java")) {
            lines = site.sources.get(repoPath).html;
        } else {
            lines = text.lines().map(Html::escape).toList();
        }
        main.append("<pre class=\"listing\"><code>");
        for (int n = 1; n <= lines.size(); n++) {
            main.append("<span class=\"line\" id=\"L").append(n).append("\" data-line=\"").append(n).append("\">")
                    .append(lines.get(n - 1)).append('\n').append("</span>");
        }
        main.append("</code></pre>\n");
        return site.layout.page(page, repoPath, main.toString());
    }
}
