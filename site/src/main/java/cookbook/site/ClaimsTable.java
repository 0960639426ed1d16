package cookbook.site;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A recipe's claims: each test whose display name starts with the recipe's ID, the words of the
 * claim, a link to the test, and its verdict in the last recorded test run.
 */
final class ClaimsTable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ClaimsTable() {
    }

    static String html(Site.Chapter chapter, Recipe recipe, String page, SiteLinks links) {
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
                    .append(Html.relative(page, links.filePage(claim.testFile()))).append("#L").append(claim.line())
                    .append("\"><code>").append(Html.escape(testName)).append("</code></a></td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
