package cookbook.site;

import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;

/**
 * The benchmarks' last published run ({@code ./cookbook bench --publish}, {@code ./cookbook bench
 * --jmh --publish}, both writing to {@code benchmarks/results}) as one page: the harness's table
 * with its chart of ratios, then the JMH table. The targets, and why a missed one was missed, stay
 * in the benchmarks README, which the page links to.
 */
final class ResultsPage {
    static final String PAGE = "results.html";
    static final String DIR = "benchmarks/results";
    /** What {@code --publish} writes, in the order the page shows it. */
    static final List<String> TABLES = List.of("results.md", "jmh-results.md");
    /** The chart the harness's Markdown shows; copied beside the page. */
    static final String CHART = "ratios.svg";

    private ResultsPage() {
    }

    static String html(Site site) {
        var main = new StringBuilder(Layout.crumbs(PAGE, List.<String[]>of(new String[] {"Benchmark results"})));
        main.append("<article class=\"markdown readable results\">\n<h1>Benchmark results</h1>\n");
        String readme = site.links.resolve(DIR + "/" + TABLES.getFirst(), "../README.md")
                .map(p -> Html.relative(PAGE, p.substring(SiteLinks.SCHEME.length()))).orElse(null);
        main.append("<p>Measured, not claimed: the last run recorded with <code>./cookbook bench --publish</code> and "
                + "<code>./cookbook bench --jmh --publish</code>, as it printed it. No test asserts these numbers. ");
        if (readme != null) {
            main.append("What each pair measures, the targets, and why a missed one was missed: <a href=\"")
                    .append(Html.escape(readme)).append("\">the benchmarks README</a>.");
        }
        main.append("</p>\n");
        for (Markdown.Doc doc : site.results) {
            // The chart is copied beside this page (results/ratios.svg); the Markdown names it beside itself.
            doc.root.accept(new AbstractVisitor() {
                @Override
                public void visit(Image image) {
                    if (image.getDestination().equals(CHART)) {
                        image.setDestination(SiteLinks.SCHEME + "results/" + CHART);
                    }
                }
            });
            main.append(Markdown.render(doc.blocks(), doc, PAGE));
        }
        main.append("</article>\n");
        return site.layout.page(PAGE, "Benchmark results", main.toString());
    }
}
