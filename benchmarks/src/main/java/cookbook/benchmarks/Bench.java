package cookbook.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cookbook.benchmarks.Pairs.Language;
import cookbook.benchmarks.Pairs.Pair;
import cookbook.benchmarks.Pairs.Side;
import cookbook.processes.LogFileStatistics;

/**
 * {@code ./cookbook bench [filter] [--rounds N] [--smoke] [--publish]}: runs each pair's sides as fresh
 * processes, interleaved (A B, then B A, ...) for N rounds (at least 5 unless --smoke), waits
 * for a quiet machine before each run, marks a run noisy when other processes took CPU during
 * it and retries it once, then prints a table and writes {@code results.json},
 * {@code ratios.svg} and {@code results.md} under {@code benchmarks/target}; {@code --publish}
 * also writes them to {@code benchmarks/results} and the ratios into the root README ({@link Published}).
 * {@code --jmh} runs the JMH suite instead.
 */
public final class Bench {
    static final List<String> JAVA_FLAGS = List.of("-Xshare:auto");

    private final Path moduleDir;
    private final Path outDir;
    private final boolean smoke;
    private final int rounds;
    private final PrintStream out;
    private final String python;
    private int runsDone;
    private int runsPlanned;
    private long runNanos;

    Bench(Path moduleDir, Path outDir, boolean smoke, int rounds, String python, PrintStream out) {
        this.moduleDir = moduleDir;
        this.outDir = outDir;
        this.smoke = smoke;
        this.rounds = rounds;
        this.python = python;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--jmh")) {
            JmhSuite.main(List.of(args).subList(1, args.length).toArray(String[]::new));
            return;
        }
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command; returns the exit code (2: a usage error, such as an unknown filter). */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        boolean smoke = false;
        boolean publish = false;
        Integer rounds = null;
        String filter = null;
        Path moduleDir = Path.of(System.getProperty("bench.module",
                Path.of(System.getProperty("cookbook.root", ".")).resolve("benchmarks").toString()));
        Path outDir = moduleDir.resolve("target");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--publish" -> publish = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || filter != null) {
                        err.println("bench: usage: ./cookbook bench [filter] [--rounds N] [--publish] | ./cookbook bench --jmh [regex] [--publish]");
                        return 2;
                    }
                    filter = args[i];
                }
            }
        }
        if (rounds == null) {
            rounds = smoke ? 1 : 5;
        }
        if (!smoke && rounds < 5) {
            err.println("bench: at least 5 rounds (--rounds " + rounds + " given)");
            return 2;
        }
        if (publish && (smoke || filter != null)) {
            err.println("bench: --publish records a full run for the site and the README: drop the filter and --smoke");
            return 2;
        }
        var pairs = select(Pairs.all(smoke), filter);
        if (pairs.isEmpty()) {
            err.println("bench: no benchmark named '" + filter + "'; the names are: "
                    + String.join(", ", Pairs.all(smoke).stream().map(Pair::name).toList()));
            return 2;
        }
        String python = findPython(System.getenv().getOrDefault("COOKBOOK_PYTHON", "python3"), err);
        Files.createDirectories(outDir);
        var bench = new Bench(moduleDir, outDir, smoke, rounds, python, out);
        // Everything is rendered from the JSON as recorded, so the tables are exactly what the file gives back.
        @SuppressWarnings("unchecked")
        var results = (Map<String, Object>) Json.parse(Json.write(bench.runAll(pairs, err)));
        Report.table(results, out);
        var files = new LinkedHashMap<String, String>();
        files.put("results.json", Json.write(results));
        files.put("ratios.svg", Report.svg(results));
        files.put("results.md", Report.markdown(results));
        Published.write(moduleDir, outDir, files, publish, Published.HARNESS, Report.readmeSummary(results), out);
        return 0;
    }

    /** Pairs whose name contains the filter (all of them without one). */
    static List<Pair> select(List<Pair> all, String filter) {
        return filter == null ? all : all.stream().filter(p -> p.name().contains(filter)).toList();
    }

    /**
     * The interpreter {@code command} ({@code $COOKBOOK_PYTHON}, or {@code python3}) resolves to
     * ({@code sys.executable}, so a version manager's shim is not timed with every run); null, and
     * a message, if it does not start or is older than 3.8.
     */
    static String findPython(String command, PrintStream err) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command, "-c", "import sys; assert sys.version_info >= (3, 8); print(sys.executable)")
                    .redirectErrorStream(true).start();
            String executable = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !executable.isEmpty()) {
                return executable;
            }
        } catch (IOException e) {
            // Not installed: fall through to the message.
        }
        err.println("bench: no Python 3.8 or later here ('" + command + "' did not start, or is older); only the Java "
                + "sides run and ratios to Python are left empty. Install python3, or point COOKBOOK_PYTHON at one.");
        return null;
    }

    Map<String, Object> runAll(List<Pair> pairs, PrintStream err) throws IOException, InterruptedException {
        var results = new LinkedHashMap<String, Object>();
        results.put("schema", 1);
        results.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        results.put("smoke", smoke);
        results.put("rounds", rounds);
        results.put("machine", machine());
        Path logs = logFiles();
        runsPlanned = pairs.stream().mapToInt(p -> p.sides().size()).sum() * rounds;
        var pairResults = new ArrayList<Object>();
        for (int i = 0; i < pairs.size(); i++) {
            pairResults.add(runPair(pairs.get(i), i + 1, pairs.size(), logs, err));
        }
        if (System.console() != null) {
            err.println();
        }
        results.put("pairs", pairResults);
        return results;
    }

    private Map<String, Object> machine() throws InterruptedException {
        var m = new LinkedHashMap<String, Object>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", Machine.cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load_average", Machine.loadAverage());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_flags", JAVA_FLAGS);
        m.put("jit", "full (tiered C1 + C2; no TieredStopAtLevel)");
        m.put("python", python == null ? null : pythonVersion());
        return m;
    }

    private String pythonVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sys, platform; print(platform.python_implementation(), sys.version.split()[0])")
                    .redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return v;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The log files PROC-16 reads, written once by the recipe's own generator; both sides read these. */
    private Path logFiles() throws IOException {
        Path dir = outDir.resolve(smoke ? "bench-logs-smoke" : "bench-logs");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            LogFileStatistics.generate(dir, 8, smoke ? 200 : 50_000, 42);
        }
        return dir;
    }

    private Map<String, Object> runPair(Pair pair, int index, int of, Path logs, PrintStream err)
            throws IOException, InterruptedException {
        var perSide = new LinkedHashMap<String, List<Map<String, Object>>>();
        pair.sides().forEach(s -> perSide.put(s.label(), new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            // A B, then B A: neither side always runs right after the other.
            var order = new ArrayList<>(pair.sides());
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Side side : order) {
                progress(err, "[" + index + "/" + of + " " + pair.name() + "] round " + round + "/" + rounds + " " + side.label());
                long begin = System.nanoTime();
                perSide.get(side.label()).add(runSide(side, round, logs));
                runNanos += System.nanoTime() - begin;
                runsDone++;
            }
        }
        return Report.pairResult(pair, perSide, python != null);
    }

    private void progress(PrintStream err, String what) {
        String left = runsDone == 0 ? "estimating time left"
                : "about " + human(Duration.ofNanos(runNanos / runsDone * (runsPlanned - runsDone))) + " left";
        String line = String.format(Locale.ROOT, "bench %s (%d of %d runs), %s", what, runsDone + 1, runsPlanned, left);
        if (System.console() != null) {
            err.print("\r\033[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** One run of one side, in a fresh process; run again once if the machine was noisy. */
    private Map<String, Object> runSide(Side side, int round, Path logs) throws IOException, InterruptedException {
        if (side.language() == Language.PYTHON && python == null) {
            return Map.of("round", round, "skipped", "no python3 on this machine");
        }
        Map<String, Object> run = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            boolean quiet = smoke || Machine.awaitQuiet(Duration.ofSeconds(20));
            run = runOnce(side, logs);
            run.put("round", round);
            run.put("quiet_before", quiet);
            run.put("retried", attempt == 2);
            if (!(Boolean) run.get("noisy")) {
                break;
            }
        }
        return run;
    }

    private Map<String, Object> runOnce(Side side, Path logs) throws IOException, InterruptedException {
        List<String> command = command(side, logs);
        Path errFile = outDir.resolve("bench-" + side.workload().replace(".py", "") + "-" + side.label() + ".err");
        Machine.Snapshot before = Machine.snapshot();
        Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
        String stdout;
        try {
            p.getOutputStream().close();
            stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(smoke ? 60 : 600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        Machine.Snapshot after = Machine.snapshot();
        String line = stdout.lines().filter(l -> l.startsWith("BENCH ")).reduce((a, b) -> b).orElse(null);
        if (p.exitValue() != 0 || line == null) {
            throw new IllegalStateException(side.label() + " failed (exit code " + p.exitValue() + "): "
                    + String.join(" ", command) + "\n" + tail(errFile));
        }
        @SuppressWarnings("unchecked")
        var reported = (Map<String, Object>) Json.parse(line.substring("BENCH ".length()));
        var run = new LinkedHashMap<String, Object>();
        run.put("wall_ms", (after.nanos() - before.nanos()) / 1e6);
        run.put("runs_ms", reported.get("runs_ms"));
        run.put("check", reported.get("check"));
        double other = before.otherCores(after);
        run.put("other_cores", other);
        run.put("noisy", other > Machine.NOISE_CORES);
        return run;
    }

    List<String> command(Side side, Path logs) {
        var command = new ArrayList<String>();
        if (side.language() == Language.JAVA) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JAVA_FLAGS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), JavaSide.class.getName(), side.workload()));
        } else {
            command.addAll(List.of(python, moduleDir.resolve("python").resolve(side.workload()).toString()));
        }
        side.params().forEach((k, v) -> command.add(k + "=" + (v.equals("@logs") ? logs.toString() : v)));
        return command;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
