package cookbook.site;

import java.util.List;
import java.util.Optional;

/** A chapter's page: its README's intro and table, the list of its recipes, what follows them. */
final class ModulePage {
    private ModulePage() {
    }

    static String html(Site site, Site.Chapter chapter, Optional<Site.Chapter> previous, Optional<Site.Chapter> next) {
        String page = chapter.page();
        var main = new StringBuilder(Layout.crumbs(page, List.<String[]>of(new String[] {chapter.module()})));
        main.append("<h1>").append(Html.escape(chapter.title())).append("</h1>\n");
        chapter.readme().ifPresentOrElse(
                readme -> main.append("<div class=\"readable\">\n").append(Markdown.render(readme.intro, readme.doc, page))
                        .append("</div>\n"),
                () -> main.append("<p class=\"missing\">").append(chapter.module()).append(" has no README yet.</p>\n"));
        main.append("<section id=\"recipes\" class=\"chapter-recipes\">\n<h2>Recipes</h2>\n<ol class=\"recipe-list\">\n");
        for (Recipe recipe : chapter.recipes()) {
            main.append("<li><a href=\"").append(Html.relative(page, recipe.page())).append("\"><span class=\"rid\">")
                    .append(recipe.id()).append("</span> ").append(Html.escape(recipe.title())).append("</a></li>\n");
        }
        main.append("</ol>\n</section>\n");
        chapter.readme().ifPresent(readme -> main.append(Markdown.render(readme.after, readme.doc, page)));
        main.append("<nav class=\"pager\" aria-label=\"Chapters\">\n");
        previous.ifPresentOrElse(
                p -> main.append("<a rel=\"prev\" href=\"").append(Html.relative(page, p.page())).append("\">← ")
                        .append(Html.escape(p.module())).append("</a>\n"),
                () -> main.append("<span class=\"pager-none\">first chapter</span>\n"));
        main.append("<a class=\"up\" href=\"").append(Html.relative(page, "index.html")).append("\">all chapters</a>\n");
        next.ifPresentOrElse(
                n -> main.append("<a rel=\"next\" href=\"").append(Html.relative(page, n.page())).append("\">")
                        .append(Html.escape(n.module())).append(" →</a>\n"),
                () -> main.append("<span class=\"pager-none\">last chapter</span>\n"));
        main.append("</nav>\n");
        return site.layout.page(page, chapter.title(), main.toString());
    }
}
