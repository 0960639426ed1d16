package cookbook.stress.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * {@code ./cookbook stress [filter] [-- jcstress options]}: runs the jcstress tests (all, those
 * backing one recipe ID such as {@code LCK-01}, or those whose name matches a regex), then
 * prints one table of outcomes per test and a verdict. jcstress's own log goes to a file.
 *
 * <p>Exit codes: 0 when no forbidden outcome was seen, 1 when one was (or a test erred or
 * took no samples), 2 for a filter that matches nothing (the names are listed).
 */
public final class StressCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /**
     * jcstress's "quick" preset (5 iterations of 200 ms per fork, a normal fork and one with
     * C2's scheduling randomizers) without split compilation (both actors compiled alike): the
     * set fits the 10-minute budget on 2 shared cores, where the "default" preset (5 x 1 s,
     * 6 forks, every per-actor compilation mix, about 28 forks per test) would take hours.
     * {@code -- options} replaces these for one run (stress/README.md).
     */
    static final List<String> DEFAULT_OPTIONS = List.of("-m", "quick", "-sc", "false");

    private static final Pattern RECIPE_ID = Pattern.compile("([A-Za-z]+)-?(\\d{1,2})");

    private final PrintStream out;
    private final PrintStream err;
    private final Path resultsDir;

    StressCommand(PrintStream out, PrintStream err, Path resultsDir) {
        this.out = out;
        this.err = err;
        this.resultsDir = resultsDir;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cookbook.root", ".")).toAbsolutePath().normalize();
        int code = new StressCommand(System.out, System.err, root.resolve("stress/target/stress-results")).execute(args);
        System.out.flush();
        System.exit(code);
    }

    int execute(String... args) throws Exception {
        int dashes = Arrays.asList(args).indexOf("--");
        List<String> ours = Arrays.asList(args).subList(0, dashes < 0 ? args.length : dashes);
        List<String> options = dashes < 0 ? DEFAULT_OPTIONS : Arrays.asList(args).subList(dashes + 1, args.length);
        if (ours.size() > 1) {
            err.println("cookbook: 'stress' takes at most one filter (a recipe ID or a regex), then -- and jcstress options");
            return USAGE;
        }
        List<TestInfo> selected;
        try {
            selected = select(ours.isEmpty() ? "" : ours.get(0));
        } catch (PatternSyntaxException e) {
            selected = List.of();
        }
        if (selected.isEmpty()) {
            err.println("cookbook: no stress test matches '" + ours.get(0) + "'; give a recipe ID or a part of a name:");
            for (TestInfo info : catalogue()) {
                err.printf("  %-7s %s%n", recipeId(info), info.name());
            }
            return USAGE;
        }
        Files.createDirectories(resultsDir);
        long begin = System.nanoTime();
        List<TestResult> results = runJcstress(selected, options);
        String command = "./cookbook stress" + (ours.isEmpty() ? "" : " " + ours.get(0))
                + (dashes < 0 ? "" : " -- " + String.join(" ", options));
        String ran = String.join(" ", options) + "; " + human(Duration.ofNanos(System.nanoTime() - begin));
        return new OutcomeReport(out, err, resultsDir).print(selected, results, command, ran);
    }

    /** Every test the annotation processor listed in META-INF/TestList, in name order. */
    static List<TestInfo> catalogue() {
        return TestList.tests().stream().sorted().map(TestList::getInfo).toList();
    }

    /** "" selects all; "LCK-01" (or "lck1") the tests backing that recipe; anything else is a regex on names. */
    static List<TestInfo> select(String filter) {
        var id = RECIPE_ID.matcher(filter.strip());
        if (id.matches()) {
            String wanted = id.group(1).toUpperCase(Locale.ROOT) + "-" + String.format("%02d", Integer.parseInt(id.group(2)));
            return catalogue().stream().filter(info -> recipeId(info).equals(wanted)).toList();
        }
        Pattern pattern = Pattern.compile(filter);
        return catalogue().stream().filter(info -> pattern.matcher(info.name()).find()).toList();
    }

    /** The recipe a test backs: its description starts with the ID, e.g. "LCK-01: ...". */
    static String recipeId(TestInfo info) {
        String description = info.description() == null ? "" : info.description();
        int colon = description.indexOf(':');
        return colon > 0 ? description.substring(0, colon) : "?";
    }

    private List<TestResult> runJcstress(List<TestInfo> tests, List<String> options) throws Exception {
        String exactNames = tests.stream().map(t -> Pattern.quote(t.name())).collect(Collectors.joining("|", "^(", ")$"));
        var args = new ArrayList<>(options);
        // The forks inherit this JVM's flags (./cookbook adds --enable-native-access for JNA).
        args.addAll(List.of("-t", exactNames, "-r", resultsDir.toString()));
        Path log = resultsDir.resolve("jcstress.log");
        out.printf("== stress: %d jcstress test(s), options %s; jcstress's log: %s%n", tests.size(),
                String.join(" ", options), log);
        out.flush();
        long begin = System.nanoTime();
        PrintStream console = System.out;
        Options opts = new Options(args.toArray(String[]::new));
        try (var logStream = new PrintStream(new ProgressFilter(Files.newOutputStream(log), console), true,
                StandardCharsets.UTF_8)) {
            // jcstress prints to System.out: send it to the log, its progress lines to the console.
            System.setOut(logStream);
            if (!opts.parse()) {
                throw new IllegalArgumentException("jcstress rejected the options " + options + " (see " + log + ")");
            }
            new JCStress(opts).run();
        } catch (AssertionError failures) {
            // jcstress ends a run that saw a forbidden outcome by throwing "TEST FAILURES" after
            // writing its results: read them like any other, the report below names the test.
            if (!String.valueOf(failures.getMessage()).startsWith("TEST FAILURES")) {
                throw failures;
            }
        } finally {
            System.setOut(console);
        }
        // jcstress writes its result blob to the working directory: keep it with the report.
        Path kept = resultsDir.resolve(Path.of(opts.getResultFile()).getFileName());
        Files.move(Path.of(opts.getResultFile()), kept, StandardCopyOption.REPLACE_EXISTING);
        out.printf("== ran in %s; results: %s%n", human(Duration.ofNanos(System.nanoTime() - begin)), kept);
        var collector = new InProcessCollector();
        var reader = new DiskReadCollector(kept.toString(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        return ReportUtils.mergedByName(collector.getTestResults());
    }

    static String human(Duration d) {
        return d.toSeconds() >= 60 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    /** Writes everything to the log; copies jcstress's periodic progress lines to the console. */
    private static final class ProgressFilter extends OutputStream {
        private final OutputStream log;
        private final PrintStream console;
        private final StringBuilder line = new StringBuilder();

        ProgressFilter(OutputStream log, PrintStream console) {
            this.log = log;
            this.console = console;
        }

        @Override
        public void write(int b) throws IOException {
            log.write(b);
            if (b == '\n') {
                String text = line.toString();
                if (text.startsWith("(ETA:") || text.startsWith("(Results:")) {
                    console.println("   " + text);
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void flush() throws IOException {
            log.flush();
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }
}
