package cookbook.site;

import java.util.ArrayList;
import java.util.Locale;

/**
 * The code section of a recipe's page: one row per comment, its prose on the left and its lines
 * on the right, the package and imports folded into the first row, the idiom highlighted.
 * Every line of the file is an element of the code column, in order, whatever its role:
 * comments shown as prose and region markers are hidden there by the stylesheet, not left out.
 */
final class CodeColumn {
    private final JavaSource source;
    private final IdiomRegions idiom;
    private final String page;
    private final String importsProse;

    /** {@code importsProse}: the HTML beside the folded imports (what the file needs). */
    CodeColumn(JavaSource source, IdiomRegions idiom, String page, String importsProse) {
        this.source = source;
        this.idiom = idiom;
        this.page = page;
        this.importsProse = importsProse;
    }

    String html() {
        var html = new StringBuilder("<section id=\"code\" class=\"code-section\">\n<h2>The code, explained</h2>\n");
        if (idiom.isEmpty()) {
            html.append("<p class=\"idiom-note missing\">No idiom region is marked in this recipe yet "
                    + "(<code>// tag::idiom[]</code> … <code>// end::idiom[]</code>), so there is nothing to "
                    + "highlight or to copy as the idiom: copy the file.</p>\n");
        } else {
            var ranges = new ArrayList<String>();
            for (IdiomRegions.Region r : idiom.regions) {
                // Point at the region's first line of code: its comment lines are hidden in the code column.
                int first = r.start() + 1;
                while (first < r.end() - 1 && source.kind(first) != JavaSource.Kind.CODE) {
                    first++;
                }
                ranges.add("<a href=\"#L" + first + "\">lines " + (r.start() + 1) + "–" + (r.end() - 1) + "</a>");
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
                """.formatted(Html.escape(source.path)));
        int header = source.headerEnd();
        if (header > 0) {
            long imports = source.unit.map(u -> (long) u.getImports().size()).orElse(0L);
            html.append("<div class=\"segment header-segment\">\n<div class=\"prose\">")
                    .append(importsProse).append("</div>\n<div class=\"code\"><details><summary>")
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
}
