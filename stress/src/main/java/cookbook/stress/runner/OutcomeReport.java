package cookbook.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;

/**
 * Turns jcstress's results into the cookbook's verdicts: a broken variant whose interesting
 * outcome showed up is SHOWN, one that never showed it is NOT OBSERVED (never "passed"); a
 * fixed variant with no forbidden outcome HELD; a forbidden outcome, an error or a test with
 * no samples fails the run. Also writes the tables as Markdown for the notes.
 */
final class OutcomeReport {
    enum Verdict {
        SHOWN("shown: the broken outcome was seen"),
        NOT_OBSERVED("not observed: the broken outcome never showed in this run"),
        HELD("held: no forbidden outcome"),
        FORBIDDEN_SEEN("FORBIDDEN outcome seen"),
        ERROR("ERROR: the test did not run cleanly"),
        NO_SAMPLES("NO SAMPLES: nothing to judge");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        boolean fails() {
            return this == FORBIDDEN_SEEN || this == ERROR || this == NO_SAMPLES;
        }
    }

    /** One row of a test's table: an outcome, how it is graded, how often it was seen. */
    record Row(String outcome, Expect expect, long count, String description) {
    }

    /** A test's name, recipe, rows and verdict. */
    record Judged(TestInfo info, List<Row> rows, long samples, Verdict verdict, List<String> messages) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Path resultsDir;

    OutcomeReport(PrintStream out, PrintStream err, Path resultsDir) {
        this.out = out;
        this.err = err;
        this.resultsDir = resultsDir;
    }

    /** Prints every test's table and the summary; the exit code: 1 if any verdict fails. */
    int print(List<TestInfo> selected, List<TestResult> results, String command, String ran) throws IOException {
        Map<String, TestResult> byName = results.stream().collect(Collectors.toMap(TestResult::getName, Function.identity()));
        var judged = selected.stream().map(info -> judge(info, byName.get(info.name()))).toList();
        for (Judged j : judged) {
            out.printf("%n%-7s %s: %s%n", StressCommand.recipeId(j.info()), shortName(j.info()), j.verdict().text);
            for (Row row : j.rows()) {
                out.printf("        %-10s %-12s %,15d  %s%n", row.outcome(), label(row.expect()), row.count(), row.description());
            }
            j.messages().stream().limit(5).forEach(m -> out.println("        ! " + m));
        }
        out.println();
        var counts = judged.stream().collect(Collectors.groupingBy(Judged::verdict, Collectors.counting()));
        out.println("== " + judged.size() + (judged.size() == 1 ? " test: " : " tests: ") + Stream.of(Verdict.values())
                .filter(counts::containsKey)
                .map(v -> counts.get(v) + " " + v.name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", ")));
        Path markdown = resultsDir.resolve("outcomes.md");
        Files.writeString(markdown, markdown(judged, command, ran));
        out.println("== Markdown tables for the notes: " + markdown);
        int code = StressCommand.OK;
        for (Judged j : judged) {
            if (j.verdict().fails()) {
                err.println("cookbook: stress: " + j.info().name() + ": " + j.verdict().text + failedRows(j));
                code = StressCommand.FAILED;
            }
        }
        return code;
    }

    static Judged judge(TestInfo info, TestResult result) {
        if (result == null) {
            return new Judged(info, List.of(), 0, Verdict.NO_SAMPLES, List.of("jcstress returned no result for it"));
        }
        var rows = new ArrayList<Row>();
        for (GradingResult g : result.grading().gradingResults.values()) {
            rows.add(new Row(g.id, g.expect, g.count, g.description));
        }
        boolean broken = Stream.concat(info.cases().stream(), Stream.of(info.unmatched()))
                .anyMatch(c -> c.expect() == Expect.ACCEPTABLE_INTERESTING);
        Verdict verdict = verdict(broken, result.status() == Status.NORMAL, rows, result.getTotalCount());
        return new Judged(info, rows, result.getTotalCount(), verdict, result.getMessages());
    }

    /**
     * The verdict on one test: {@code broken} when it declares an interesting outcome (the
     * broken variant of a pair), {@code clean} when jcstress reports no error for it.
     */
    static Verdict verdict(boolean broken, boolean clean, List<Row> rows, long samples) {
        if (!clean) {
            return Verdict.ERROR;
        }
        if (rows.stream().anyMatch(r -> r.expect() == Expect.FORBIDDEN && r.count() > 0)) {
            return Verdict.FORBIDDEN_SEEN;
        }
        if (samples == 0) {
            return Verdict.NO_SAMPLES;
        }
        if (!broken) {
            return Verdict.HELD;
        }
        boolean seen = rows.stream().anyMatch(r -> r.expect() == Expect.ACCEPTABLE_INTERESTING && r.count() > 0);
        return seen ? Verdict.SHOWN : Verdict.NOT_OBSERVED;
    }

    private static String failedRows(Judged j) {
        return j.rows().stream().filter(r -> r.expect() == Expect.FORBIDDEN && r.count() > 0)
                .map(r -> "; outcome [" + r.outcome() + "] " + r.count() + " times (" + r.description() + ")")
                .collect(Collectors.joining());
    }

    static String shortName(TestInfo info) {
        return info.name().substring(info.name().lastIndexOf('.', info.name().lastIndexOf('.') - 1) + 1);
    }

    private static String label(Expect expect) {
        return switch (expect) {
            case ACCEPTABLE -> "acceptable";
            case ACCEPTABLE_INTERESTING -> "interesting";
            case FORBIDDEN -> "FORBIDDEN";
            case UNKNOWN -> "unknown";
        };
    }

    private static String markdown(List<Judged> judged, String command, String ran) {
        var md = new StringBuilder();
        md.append("Run of ").append(LocalDate.now()).append(": `").append(command).append("` (jcstress 0.16, ")
                .append(ran).append("), ").append(machine()).append(", JDK ")
                .append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(".\n");
        for (Judged j : judged) {
            md.append("\n**").append(shortName(j.info())).append("** (").append(StressCommand.recipeId(j.info()))
                    .append(", ").append(String.format("%,d", j.samples())).append(" samples): ")
                    .append(j.verdict().text).append("\n\n| outcome | expected | count | meaning |\n|---|---|---:|---|\n");
            for (Row row : j.rows()) {
                md.append("| `").append(row.outcome()).append("` | ").append(label(row.expect())).append(" | ")
                        .append(String.format("%,d", row.count())).append(" | ").append(row.description()).append(" |\n");
            }
        }
        return md.toString();
    }

    /** "Intel(R) Xeon(R) ..., 2 CPUs, Linux amd64": what a reader compares their machine to. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the CPU model stays unknown, the rest still says what ran.
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch");
    }
}
