package cookbook.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * The front page: what the cookbook is, every recipe by chapter in syllabus order with the
 * Python and Java names it maps (a filter box narrows the list as you type, and the list is
 * all there without JavaScript), the big Python to Java table, and the notes across chapters.
 */
final class IndexPage {
    static final String PAGE = "index.html";
    private static final String MAPPINGS_HEADING = "Python to Java";

    private IndexPage() {
    }

    static String html(Site site) {
        var main = new StringBuilder("<h1>").append(Layout.SITE_TITLE).append("</h1>\n");
        site.rootReadme.ifPresent(doc -> main.append(Markdown.render(intro(doc), doc, PAGE)));
        main.append("""
                <p class="how-to-read">Each recipe is one Java file, shown here as prose beside code: the \
                comments on the left, the lines they explain on the right, the idiom highlighted. Under it: \
                the note (Python original, Java, where Java differs), each claim with the test that proves it \
                and its last verdict, and what you need to copy the file into your own project. \
                <a href="readme.html">More about this cookbook</a>.</p>
                <section id="recipes" class="catalogue">
                <h2>Recipes</h2>
                <div class="filter" hidden>
                <label for="filter">Filter</label>
                <input id="filter" type="search" autocomplete="off" spellcheck="false" \
                placeholder="ID, title, Python or Java name: RLock, LCK-06, virtual">
                <span id="filter-count" class="filter-count" role="status" aria-live="polite"></span>
                </div>
                """);
        for (Site.Chapter chapter : site.chapters) {
            main.append("<section class=\"chapter\" id=\"chapter-").append(chapter.module()).append("\">\n<h3><a href=\"")
                    .append(chapter.page()).append("\">").append(Html.escape(chapter.title())).append("</a></h3>\n")
                    .append("<ol class=\"recipe-index\">\n");
            for (Recipe recipe : chapter.recipes()) {
                main.append(entry(recipe, chapter));
            }
            main.append("</ol>\n</section>\n");
        }
        main.append("<p class=\"filter-empty\" hidden>No recipe matches.</p>\n</section>\n");
        site.rootReadme.flatMap(IndexPage::mappings).ifPresent(blocks -> main
                .append("<section id=\"python-to-java\" class=\"mappings\">\n")
                .append(Markdown.render(blocks, site.rootReadme.get(), PAGE)).append("</section>\n"));
        main.append("<section id=\"notes\" class=\"notes\">\n<h2>Notes across chapters</h2>\n<ul>\n");
        for (Markdown.Doc note : site.notes) {
            main.append("<li><a href=\"").append(Site.notePage(note)).append("\">")
                    .append(Html.escape(Site.noteTitle(note))).append("</a></li>\n");
        }
        main.append("</ul>\n</section>\n");
        return site.layout.page(PAGE, Layout.SITE_TITLE, main.toString());
    }

    /** One recipe in the list; {@code data-search} holds what the filter matches, lower case. */
    private static String entry(Recipe recipe, Site.Chapter chapter) {
        Optional<ModuleReadme.Row> row = chapter.readme().map(r -> r.rows.get(recipe.id()));
        String python = row.map(r -> Markdown.renderInline(r.python(), chapter.readme().get().doc, PAGE)).orElse("");
        String java = row.map(r -> Markdown.renderInline(r.java(), chapter.readme().get().doc, PAGE)).orElse("");
        String search = String.join(" ", recipe.id(), recipe.title(), recipe.simpleName(), chapter.module(),
                row.map(r -> Markdown.text(r.python())).orElse(""), row.map(r -> Markdown.text(r.java())).orElse(""));
        var html = new StringBuilder("<li class=\"recipe-entry\" id=\"").append(recipe.id())
                .append("\" data-search=\"").append(Html.escape(search.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")))
                .append("\">\n<a class=\"recipe-link\" href=\"").append(recipe.page()).append("\"><span class=\"rid\">")
                .append(recipe.id()).append("</span> <span class=\"title\">").append(Html.escape(recipe.title()))
                .append("</span></a>\n");
        if (row.isPresent()) {
            html.append("<div class=\"maps\"><span class=\"py\"><span class=\"lang\">Python</span> ").append(python)
                    .append("</span> <span class=\"java\"><span class=\"lang\">Java</span> ").append(java)
                    .append("</span></div>\n");
        }
        return html.append("</li>\n").toString();
    }

    /** The root README before its first second-level heading. */
    private static List<Node> intro(Markdown.Doc doc) {
        var blocks = new ArrayList<Node>();
        for (Node block : doc.blocks()) {
            if (block instanceof Heading h && h.getLevel() == 1) {
                continue;
            }
            if (block instanceof Heading h && h.getLevel() == 2) {
                break;
            }
            blocks.add(block);
        }
        return blocks;
    }

    /** The root README's "Python to Java" section, heading included. */
    private static Optional<List<Node>> mappings(Markdown.Doc doc) {
        var blocks = new ArrayList<Node>();
        for (Node block : doc.blocks()) {
            if (block instanceof Heading h && h.getLevel() <= 2) {
                if (!blocks.isEmpty()) {
                    break;
                }
                if (h.getLevel() == 2 && Markdown.text(h).startsWith(MAPPINGS_HEADING)) {
                    blocks.add(block);
                }
                continue;
            }
            if (!blocks.isEmpty()) {
                blocks.add(block);
            }
        }
        return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks);
    }
}
