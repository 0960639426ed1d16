package cookbook.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import cookbook.benchmarks.Pairs.Kind;
import cookbook.benchmarks.Pairs.Pair;
import cookbook.benchmarks.Pairs.Ratio;
import cookbook.benchmarks.Pairs.Side;

/** Turns the harness's runs into medians and ratios, a printed table, and an SVG bar chart of the ratios. */
final class Report {
    private Report() {
    }

    static Map<String, Object> pairResult(Pair pair, Map<String, List<Map<String, Object>>> runs, boolean python) {
        var result = new LinkedHashMap<String, Object>();
        result.put("name", pair.name());
        result.put("recipe", pair.recipe());
        result.put("title", pair.title());
        var sides = new ArrayList<Object>();
        var summaries = new LinkedHashMap<String, Map<String, Object>>();
        for (Side side : pair.sides()) {
            var s = new LinkedHashMap<String, Object>();
            s.put("label", side.label());
            s.put("language", side.language().name().toLowerCase(Locale.ROOT));
            s.put("workload", side.workload());
            s.put("params", side.params());
            List<Map<String, Object>> done = runs.get(side.label()).stream().filter(r -> !r.containsKey("skipped")).toList();
            var cold = new ArrayList<Double>();
            var warm = new ArrayList<Double>();
            var wall = new ArrayList<Double>();
            for (var r : done) {
                List<?> ms = (List<?>) r.get("runs_ms");
                cold.add(((Number) ms.getFirst()).doubleValue());
                ms.subList(1, ms.size()).forEach(m -> warm.add(((Number) m).doubleValue()));
                wall.add(((Number) r.get("wall_ms")).doubleValue());
            }
            s.put("cold_ms", spread(cold));
            s.put("warm_ms", spread(warm));
            s.put("wall_ms", spread(wall));
            s.put("noisy_runs", done.stream().filter(r -> (Boolean) r.get("noisy")).count());
            s.put("check", done.isEmpty() ? null : done.getLast().get("check"));
            if (done.isEmpty()) {
                s.put("skipped", "no python3 on this machine");
            }
            s.put("runs", runs.get(side.label()));
            sides.add(s);
            summaries.put(side.label(), s);
        }
        result.put("sides", sides);
        // Every side computed the same thing (a count, a sum), or one of them is wrong; sides
        // given different sizes (cpu-sum's Java range) are compared with those of the same size.
        result.put("checks_agree", pair.sides().stream()
                .collect(Collectors.groupingBy(Report::size, Collectors.mapping(s -> summaries.get(s.label()).get("check"),
                        Collectors.filtering(Objects::nonNull, Collectors.toSet()))))
                .values().stream().allMatch(checks -> checks.size() <= 1));
        var ratios = new ArrayList<Object>();
        for (Ratio ratio : pair.ratios()) {
            var r = new LinkedHashMap<String, Object>();
            r.put("name", ratio.name());
            r.put("numerator", ratio.numerator());
            r.put("denominator", ratio.denominator() == null ? "ideal " + format(ratio.idealMs()) + " ms" : ratio.denominator());
            r.put("kind", ratio.kind().name().toLowerCase(Locale.ROOT));
            Double num = median(summaries.get(ratio.numerator()), ratio.kind());
            Double den = ratio.denominator() == null ? Double.valueOf(ratio.idealMs()) : median(summaries.get(ratio.denominator()), ratio.kind());
            Double value = num == null || den == null || den == 0 ? null : num / den * ratio.scale();
            if (ratio.scale() != 1) {
                r.put("scale", ratio.scale());
            }
            r.put("value", value);
            r.put("target", ratio.target());
            r.put("met", value == null || ratio.target() == null ? null : ratio.met(value));
            ratios.add(r);
        }
        result.put("ratios", ratios);
        return result;
    }

    /** A side's workload size: its parameters except those that choose how it runs, not how much. */
    private static Map<String, String> size(Side side) {
        var size = new LinkedHashMap<>(side.params());
        size.keySet().removeAll(List.of("repeats", "workers", "mode", "kind"));
        return size;
    }

    private static Double median(Map<String, Object> side, Kind kind) {
        var spread = (Map<?, ?>) side.get(kind.name().toLowerCase(Locale.ROOT) + "_ms");
        return spread == null ? null : (Double) spread.get("median");
    }

    /** Median, min and max; null for no values. */
    static Map<String, Object> spread(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        var m = new LinkedHashMap<String, Object>();
        m.put("median", median);
        m.put("min", sorted.getFirst());
        m.put("max", sorted.getLast());
        m.put("n", n);
        return m;
    }

    @SuppressWarnings("unchecked")
    static void table(Map<String, Object> results, PrintStream out) {
        var machine = (Map<String, Object>) results.get("machine");
        out.printf("%s, %s cores (%s), load %s; %s %s; Python: %s; %s rounds%n", results.get("date"), whole(machine.get("cores")),
                machine.get("cpu"), machine.get("load_average"), machine.get("java"), machine.get("jvm_flags"),
                Objects.requireNonNullElse(machine.get("python"), "not found"), whole(results.get("rounds")));
        out.printf("%-22s %-26s %-26s %-26s %s%n", "pair (recipe)", "side", "cold ms: median (min-max)",
                "warm ms: median (min-max)", "process wall ms");
        for (var pair : (List<Map<String, Object>>) results.get("pairs")) {
            String head = pair.get("name") + " (" + pair.get("recipe") + ")";
            for (var side : (List<Map<String, Object>>) pair.get("sides")) {
                out.printf("%-22s %-26s %-26s %-26s %s%s%n", head, side.get("label"), cell(side.get("cold_ms")),
                        cell(side.get("warm_ms")), cell(side.get("wall_ms")),
                        ((Number) side.get("noisy_runs")).intValue() > 0 ? "  (" + whole(side.get("noisy_runs")) + " noisy)" : "");
                head = "";
            }
            for (var ratio : (List<Map<String, Object>>) pair.get("ratios")) {
                out.printf("%-22s   %-60s %8s  %s%n", "", ratio.get("name") + " (" + ratio.get("kind") + ")",
                        ratio.get("value") == null ? "-" : format((Double) ratio.get("value")) + "x",
                        ratio.get("target") == null ? "" : "target " + ratio.get("target") + ": "
                                + (Boolean.TRUE.equals(ratio.get("met")) ? "met" : ratio.get("met") == null ? "not measured" : "MISSED"));
            }
            if (!Boolean.TRUE.equals(pair.get("checks_agree"))) {
                out.println("  !! the sides of " + pair.get("name") + " computed different results: see results.json");
            }
        }
    }

    /**
     * The same table as Markdown, for the site's results page: the machine, each side's times,
     * each ratio with its target. The chart ({@code ratios.svg}) is shown beside it by the site.
     */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results) {
        var machine = (Map<String, Object>) results.get("machine");
        var md = new StringBuilder("## Java recipes beside their Python originals\n\n");
        md.append(String.format(Locale.ROOT, "`./cookbook bench`, %s: %s cores (%s), load average %s; %s %s, %s; "
                        + "Python: %s; %s rounds, fresh processes, interleaved. Times in ms, median (min–max).%n%n"
                        + "![The ratios of the medians on a log scale; a black tick marks a target](ratios.svg)%n%n",
                results.get("date"), whole(machine.get("cores")), machine.get("cpu"), machine.get("load_average"),
                machine.get("java"), machine.get("jvm_flags"), machine.get("jit"),
                Objects.requireNonNullElse(machine.get("python"), "not found"), whole(results.get("rounds"))));
        md.append("| Pair | Side | Cold | Warm | Process wall | Noisy runs |\n|---|---|---:|---:|---:|---:|\n");
        for (var pair : (List<Map<String, Object>>) results.get("pairs")) {
            String head = "`" + pair.get("name") + "` (" + pair.get("recipe") + ")";
            for (var side : (List<Map<String, Object>>) pair.get("sides")) {
                md.append("| ").append(head).append(" | ").append(side.get("label")).append(" | ")
                        .append(cell(side.get("cold_ms"))).append(" | ").append(cell(side.get("warm_ms"))).append(" | ")
                        .append(cell(side.get("wall_ms"))).append(" | ").append(whole(side.get("noisy_runs"))).append(" |\n");
                head = "";
            }
        }
        return md.append('\n').append(ratioTable(results)).toString();
    }

    /** Every ratio of the run with its target and verdict, as a Markdown table. */
    @SuppressWarnings("unchecked")
    static String ratioTable(Map<String, Object> results) {
        var md = new StringBuilder("| Pair | Ratio | Of | Value | Target |\n|---|---|---|---:|---|\n");
        for (var pair : (List<Map<String, Object>>) results.get("pairs")) {
            for (var ratio : (List<Map<String, Object>>) pair.get("ratios")) {
                md.append("| `").append(pair.get("name")).append("` (").append(pair.get("recipe")).append(") | ")
                        .append(ratio.get("name")).append(" | ").append(ratio.get("kind")).append(" | ")
                        .append(ratio.get("value") == null ? "-" : format((Double) ratio.get("value")) + "×").append(" | ")
                        .append(verdict(ratio)).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The root README's part: which run, on what, then the ratios. */
    @SuppressWarnings("unchecked")
    static String readmeSummary(Map<String, Object> results) {
        var machine = (Map<String, Object>) results.get("machine");
        return String.format(Locale.ROOT, "`./cookbook bench --publish`, %s: %s cores (%s), %s, Python %s, %s rounds.%n%n",
                results.get("date"), whole(machine.get("cores")), machine.get("cpu"), machine.get("java"),
                Objects.requireNonNullElse(machine.get("python"), "not found"), whole(results.get("rounds")))
                + ratioTable(results);
    }

    /** "≥ 15: met", "≤ 1.03: **missed**", or nothing for a ratio without a target. */
    static String verdict(Map<String, Object> ratio) {
        if (ratio.get("target") == null) {
            return "";
        }
        String target = ratio.get("target").toString().replace(">=", "≥").replace("<=", "≤");
        return target + ": " + (Boolean.TRUE.equals(ratio.get("met")) ? "met"
                : ratio.get("met") == null ? "not measured" : "**missed**");
    }

    private static String cell(Object spread) {
        if (!(spread instanceof Map<?, ?> m)) {
            return "-";
        }
        return format((Double) m.get("median")) + " (" + format((Double) m.get("min")) + "-" + format((Double) m.get("max")) + ")";
    }

    /** A count as a reader writes it: {@code 2}, not {@code 2.0} (JSON read back gives doubles). */
    static String whole(Object number) {
        return number instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue()) : String.valueOf(number);
    }

    static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** One horizontal bar per ratio, on a log scale from 0.1x to 1000x, with its target as a tick. */
    @SuppressWarnings("unchecked")
    static String svg(Map<String, Object> results) {
        var rows = new ArrayList<String[]>();
        for (var pair : (List<Map<String, Object>>) results.get("pairs")) {
            for (var ratio : (List<Map<String, Object>>) pair.get("ratios")) {
                rows.add(new String[] {pair.get("name") + ": " + ratio.get("name") + " (" + ratio.get("kind") + ")",
                        ratio.get("value") == null ? "" : ratio.get("value").toString(),
                        ratio.get("target") == null ? "" : (String) ratio.get("target"),
                        String.valueOf(ratio.get("met"))});
            }
        }
        int left = 430;
        int width = 400;
        int rowHeight = 22;
        int height = 50 + rows.size() * rowHeight;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", left + width + 80, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-weight=\"bold\">Ratios, %s (log scale; tick = target)</text>%n",
                Html.escape(String.valueOf(results.get("date")))));
        for (double mark : new double[] {0.1, 1, 10, 100, 1000}) {
            double x = left + scale(mark) * width;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"26\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%sx</text>%n",
                    x, x, height - 14, x, height - 2, format(mark)));
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int y = 30 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + 14, Html.escape(r[0])));
            if (!r[1].isEmpty()) {
                double v = Double.parseDouble(r[1]);
                double x1 = left + scale(Math.min(v, 1)) * width;
                double x2 = left + scale(Math.max(v, 1)) * width;
                String colour = r[3].equals("false") ? "#c0392b" : r[3].equals("true") ? "#27ae60" : "#2c7fb8";
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\">%sx</text>%n", x1, y + 2, Math.max(1, x2 - x1), colour, x2 + 4, y + 14, format(v)));
            }
            if (!r[2].isEmpty()) {
                double x = left + scale(Double.parseDouble(r[2].substring(3))) * width;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>%n",
                        x, y, x, y + 20));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static double scale(double v) {
        return (Math.log10(Math.clamp(v, 0.1, 1000)) + 1) / 4;
    }

    /** XML text escaping for labels. */
    static final class Html {
        private Html() {
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
