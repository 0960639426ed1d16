package cookbook.site;

import java.util.List;

/** A Markdown file of the project as a page of its own: a note, the root README, MUTANTS.md. */
final class MarkdownPage {
    private MarkdownPage() {
    }

    static String html(Site site, Markdown.Doc doc, String page, List<String[]> crumbs) {
        String main = Layout.crumbs(page, crumbs) + "<article class=\"markdown readable\">\n"
                + Markdown.render(doc.blocks(), doc, page) + "</article>\n";
        return site.layout.page(page, Site.noteTitle(doc), main);
    }
}
