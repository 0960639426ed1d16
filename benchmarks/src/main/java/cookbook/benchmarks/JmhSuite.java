package cookbook.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./cookbook bench --jmh [regex] [--smoke] [--publish]}: the JMH suite. The counters run at 1, 2 and 8
 * threads; everything else at its own thread count (the queue groups fix theirs). Prints JMH's
 * table, then the two ratios issue 13 set targets for, and writes {@code target/jmh-results.json}
 * and {@code jmh-results.md} ({@code --publish}: also to {@code benchmarks/results}, for the site).
 * {@code --smoke} runs one short iteration without warm-up in this JVM: it proves that the suite
 * runs, not how fast anything is.
 */
public final class JmhSuite {
    /** The Disruptor paper's ArrayBlockingQueue rows, in millions of operations per second. */
    static final double PAPER_ABQ_1P1C_HIGH = 5.3;

    /** JMH's includes are alternatives and its excludes are not: narrow by excluding the others. */
    private static final String NOT_COUNTERS = "ContextBenchmark|QueueHandOffBenchmark|ThreadStartBenchmark|CompletableFutureBenchmark";

    private JmhSuite() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean smoke = List.of(args).contains("--smoke");
        boolean publish = List.of(args).contains("--publish");
        String regex = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("cookbook\\.benchmarks\\.jmh\\..*");
        Path module = Path.of(System.getProperty("bench.module",
                Path.of(System.getProperty("cookbook.root", ".")).resolve("benchmarks").toString()));
        if (publish && (smoke || List.of(args).stream().anyMatch(a -> !a.startsWith("--")))) {
            System.err.println("bench: --publish records the whole JMH suite: drop the regex and --smoke");
            System.exit(2);
        }
        var recorded = runSuite(smoke, regex);
        System.out.println();
        System.out.print(ratioTable(recorded));
        var files = new LinkedHashMap<String, String>();
        files.put("jmh-results.json", Json.write(recorded));
        files.put("jmh-results.md", markdown(recorded));
        Published.write(module, module.resolve("target"), files, publish, Published.JMH, readmeSummary(recorded), System.out);
    }

    /**
     * Runs the benchmarks the regex selects (the counters at 1, 2 and 8 threads, the rest once) and
     * returns the summary as the JSON file records it: every score, and the target ratios.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> runSuite(boolean smoke, String regex) throws RunnerException {
        var rows = new ArrayList<Map<String, Object>>();
        for (int threads : new int[] {1, 2, 8}) {
            run(options(smoke, regex).exclude(NOT_COUNTERS).threads(threads), rows);
        }
        run(options(smoke, regex).exclude("CounterBenchmark"), rows);
        var summary = new LinkedHashMap<String, Object>();
        summary.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        summary.put("smoke", smoke);
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        summary.put("java", System.getProperty("java.runtime.version"));
        summary.put("results", rows);
        summary.put("ratios", ratios(rows));
        // Read back from its JSON, so the tables are exactly what the file gives back.
        return (Map<String, Object>) Json.parse(Json.write(summary));
    }

    private static ChainedOptionsBuilder options(boolean smoke, String regex) {
        var builder = new OptionsBuilder().include(regex).shouldFailOnError(true);
        if (smoke) {
            // Checks only that each benchmark runs: no warm-up, one 50 ms iteration, no fork.
            builder.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(50)).forks(0);
        }
        return builder;
    }

    private static void run(ChainedOptionsBuilder options, List<Map<String, Object>> rows) throws RunnerException {
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            // The regex a reader gave matches nothing in this part of the suite.
            return;
        }
        for (RunResult r : results) {
            var params = r.getParams();
            String name = params.getBenchmark().replace("cookbook.benchmarks.jmh.", "");
            var row = new LinkedHashMap<String, Object>();
            row.put("benchmark", name);
            row.put("threads", params.getThreads());
            var p = new LinkedHashMap<String, Object>();
            params.getParamsKeys().forEach(k -> p.put(k, params.getParam(k)));
            row.put("params", p);
            put(row, r.getPrimaryResult());
            // A queue group's total counts puts and takes; its take rate is the hand-off rate.
            var secondary = new LinkedHashMap<String, Object>();
            r.getSecondaryResults().forEach((label, result) -> {
                var s = new LinkedHashMap<String, Object>();
                put(s, result);
                secondary.put(label, s);
            });
            row.put("secondary", secondary);
            rows.add(row);
        }
    }

    private static void put(Map<String, Object> row, Result<?> result) {
        row.put("score", result.getScore());
        row.put("error", Double.isNaN(result.getScoreError()) ? null : result.getScoreError());
        row.put("unit", result.getScoreUnit());
    }

    /** LongAdder ÷ AtomicLong at 2 threads; ArrayBlockingQueue 1P1C take rate ÷ the paper's best row. */
    @SuppressWarnings("unchecked")
    static List<Object> ratios(List<Map<String, Object>> rows) {
        var ratios = new ArrayList<Object>();
        Double adder = score(rows, "CounterBenchmark.longAdder", 2);
        Double atomic = score(rows, "CounterBenchmark.atomicLong", 2);
        if (adder != null && atomic != null) {
            ratios.add(ratio("LongAdder ÷ AtomicLong increments/µs at 2 threads", adder / atomic, ">= 2"));
        }
        for (String group : List.of("oneToOne", "threeToOne")) {
            for (var row : rows) {
                var params = (Map<String, Object>) row.get("params");
                if (row.get("benchmark").equals("QueueHandOffBenchmark." + group)
                        && "ArrayBlockingQueue".equals(params.get("queueType"))) {
                    var take = (Map<String, Object>) ((Map<String, Object>) row.get("secondary"))
                            .get(group.equals("oneToOne") ? "take1" : "take3");
                    if (take != null) {
                        // ops/µs is millions of ops per second.
                        double mops = (Double) take.get("score");
                        ratios.add(ratio("ArrayBlockingQueue " + group + " hand-offs, M/s ÷ the paper's best "
                                        + (group.equals("oneToOne") ? "1P1C (5.3)" : "3P1C (5.5)"),
                                mops / (group.equals("oneToOne") ? PAPER_ABQ_1P1C_HIGH : 5.5),
                                group.equals("oneToOne") ? ">= 1.5" : null));
                    }
                }
            }
        }
        return ratios;
    }

    /** The suite's results as Markdown for the site's results page: every score, then the two targets. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> summary) {
        var md = new StringBuilder("## JMH: idioms side by side, steady state\n\n");
        md.append(String.format(Locale.ROOT, "`./cookbook bench --jmh`, %s: %s cores, JDK %s. Higher is faster; "
                        + "a queue group's rows are its put and take rates.%n%n",
                summary.get("date"), Report.whole(summary.get("cores")), summary.get("java")));
        md.append("| Benchmark | Threads | Params | Score | Unit |\n|---|---:|---|---:|---|\n");
        for (var row : (List<Map<String, Object>>) summary.get("results")) {
            String params = ((Map<String, Object>) row.get("params")).values().stream().map(Object::toString)
                    .collect(Collectors.joining(", "));
            md.append(line(row.get("benchmark").toString(), row, params, row));
            ((Map<String, Map<String, Object>>) row.get("secondary")).forEach((label, result) ->
                    md.append(line("&nbsp;&nbsp;" + label, row, params, result)));
        }
        return md.append('\n').append(ratioTable(summary)).toString();
    }

    /** The two targets' ratios (and the 3P1C one, which has none), as a Markdown table. */
    @SuppressWarnings("unchecked")
    static String ratioTable(Map<String, Object> summary) {
        var md = new StringBuilder("| Ratio | Value | Target |\n|---|---:|---|\n");
        for (var ratio : (List<Map<String, Object>>) summary.get("ratios")) {
            md.append("| ").append(ratio.get("name")).append(" | ")
                    .append(Report.format((Double) ratio.get("value"))).append("× | ").append(Report.verdict(ratio)).append(" |\n");
        }
        return md.toString();
    }

    /** The root README's part: which run, on what, then the ratios. */
    static String readmeSummary(Map<String, Object> summary) {
        return String.format(Locale.ROOT, "`./cookbook bench --jmh --publish`, %s: %s cores, JDK %s.%n%n",
                summary.get("date"), Report.whole(summary.get("cores")), summary.get("java")) + ratioTable(summary);
    }

    private static String line(String name, Map<String, Object> row, String params, Map<String, Object> result) {
        String error = result.get("error") == null ? "" : " ± " + Report.format((Double) result.get("error"));
        return "| " + name + " | " + Report.whole(row.get("threads")) + " | " + params + " | "
                + Report.format((Double) result.get("score")) + error + " | " + result.get("unit") + " |\n";
    }

    private static Double score(List<Map<String, Object>> rows, String benchmark, int threads) {
        return rows.stream().filter(r -> r.get("benchmark").equals(benchmark) && r.get("threads").equals(threads))
                .map(r -> (Double) r.get("score")).findFirst().orElse(null);
    }

    private static Map<String, Object> ratio(String name, double value, String target) {
        var r = new LinkedHashMap<String, Object>();
        r.put("name", name);
        r.put("value", value);
        r.put("target", target);
        r.put("met", target == null ? null : Pairs.meets(value, target));
        return r;
    }
}
