package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-16. Python original: a {@code ProcessPoolExecutor(4)} counts, for each log file of a folder, its
 * lines and its distinct client IPs; a callback made by a closure stores each file's
 * {@code {"total": n, "ip": m}} in a dict that the parent prints.
 *
 * <p>Two ways to do the same job: one child JVM per file, at most {@code parallelism} at a time
 * (a fixed thread pool whose tasks each launch, read and reap one child), and a plain thread pool in
 * this JVM. The callbacks run on the pool's threads, several at once, so the results go into a
 * {@link ConcurrentHashMap}; Python's plain dict is safe only because its callbacks run one by one.
 */
public final class LogFileStatistics {
    private static final Logger log = LoggerFactory.getLogger(LogFileStatistics.class);

    /** Python's {@code {"total": n, "ip": m}}: non-blank lines and distinct client IPs. */
    public record Stats(long total, long ip) {
    }

    /** Per-file results, sorted by file name, and the threads the callbacks ran on. */
    public record Outcome(Map<String, Stats> byFile, Set<Thread> callbackThreads) {
    }

    private LogFileStatistics() {
    }

    /** The work itself. The IP is the text before {@code " - -"}, first entry of an X-Forwarded-For list. */
    public static Stats statsOf(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> ips = lines.filter(line -> !line.isBlank())
                    .map(line -> line.split(" - -", 2)[0].split(", ")[0].strip())
                    .toList();
            return new Stats(ips.size(), ips.stream().distinct().count());
        }
    }

    /** One child JVM per file, at most {@code parallelism} alive at once. */
    public static Outcome withProcesses(List<Path> files, int parallelism, Path dir, Duration timeout) {
        try (ExecutorService launchers = Executors.newFixedThreadPool(parallelism, named("log-stats-launcher-%d"))) {
            return collect(files, launchers, file -> countInChild(file, dir, timeout));
        }
    }

    // tag::idiom[]
    /** The same statistics on a thread pool in this JVM: no launch, no parsing, no copy. */
    public static Outcome withThreads(List<Path> files, int threads) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, named("log-stats-%d"))) {
            return withThreads(files, pool);
        }
    }

    /** The same, on an executor the caller owns. */
    static Outcome withThreads(List<Path> files, Executor pool) {
        return collect(files, pool, LogFileStatistics::statsOf);
    }

    private static Outcome collect(List<Path> files, Executor pool, FileTask task) {
        // Callbacks run on several pool threads at once: the map they fill must be concurrent.
        var byFile = new ConcurrentHashMap<String, Stats>();
        var callbackThreads = ConcurrentHashMap.<Thread>newKeySet();
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (Path file : files) {
            // The callback is the seed's closure outer(info, file_name). Async on the pool: a plain
            // thenAccept runs on the caller's thread when the work has already finished.
            futures.add(CompletableFuture.supplyAsync(() -> task.unchecked(file), pool).thenAcceptAsync(stats -> {
                callbackThreads.add(Thread.currentThread());
                byFile.put(file.getFileName().toString(), stats);
                log.info("{}: {}", file.getFileName(), stats);
            }, pool));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // Say which file failed and why, not "CompletionException".
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return new Outcome(new TreeMap<>(byFile), Set.copyOf(callbackThreads));
    }
    // end::idiom[]

    private interface FileTask {
        Stats apply(Path file) throws IOException, InterruptedException;

        default Stats unchecked(Path file) {
            try {
                return apply(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file + " (" + e + "): check the path and its permissions", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting " + file, e);
            }
        }
    }

    private static Stats countInChild(Path file, Path dir, Duration timeout) throws IOException, InterruptedException {
        Path stderr = dir.resolve(file.getFileName() + ".err");
        Process child = launch(FileStatsMain.class, stderr, file.toString());
        try {
            // The answer is one short line, well within the pipe's buffer, so waiting first cannot
            // block the child; a hung child then fails after the timeout instead of hanging a read.
            if (!child.waitFor(timeout)) {
                throw failure("was still counting " + file.getFileName() + " after " + human(timeout), child, stderr);
            }
            if (child.exitValue() != 0) {
                throw failure("could not count " + file.getFileName(), child, stderr);
            }
            String answer;
            try (var out = child.inputReader(StandardCharsets.UTF_8)) {
                answer = out.readLine();
            }
            String[] words = answer == null ? new String[0] : answer.split(" ");
            if (words.length != 2) {
                throw failure("answered '" + answer + "' instead of '<total> <ip>'", child, stderr);
            }
            return new Stats(Long.parseLong(words[0]), Long.parseLong(words[1]));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /** The child JVM: computes one file's statistics and prints {@code <total> <ip>}. */
    public static final class FileStatsMain {
        public static void main(String[] args) {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            try {
                Stats stats = statsOf(Path.of(args[0]));
                protocol.println(stats.total() + " " + stats.ip());
                protocol.flush();
            } catch (IOException e) {
                // One line for the parent to pass on, not a stack trace.
                System.err.println("could not read " + args[0] + " (" + e + "): check the path and its permissions");
                System.exit(2);
            }
        }
    }

    /** Writes {@code count} log files of random lines in the seed's format into {@code dir}. */
    public static List<Path> generate(Path dir, int count, int lines, long seed) throws IOException {
        var random = new Random(seed);
        var files = new ArrayList<Path>();
        for (int f = 0; f < count; f++) {
            var text = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                text.append("10.0.").append(random.nextInt(4)).append('.').append(random.nextInt(50))
                        .append(" - - [21/Mar/2021] \"GET /page/").append(i).append("\" 200\n");
            }
            files.add(Files.writeString(dir.resolve("access-" + f + ".log"), text));
        }
        return files;
    }

    private static java.util.concurrent.ThreadFactory named(String nameFormat) {
        return new ThreadFactoryBuilder().setNameFormat(nameFormat).build();
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                // stdout is the protocol: keep the JVM's own log lines (even ones JAVA_TOOL_OPTIONS asks for) off it.
                "-Xlog:disable", "-Xlog:all=warning:stderr", main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static IllegalStateException failure(String what, Process child, Path stderr)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
        return new IllegalStateException("child " + child.pid() + " " + what + " (exit code " + child.exitValue()
                + "); its stderr ends with:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
    }

    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("log-stats");
        try {
            List<Path> files = generate(dir, 4, 2_000, 42);
            long begin = System.nanoTime();
            Outcome processes = withProcesses(files, 2, dir, Duration.ofSeconds(30));
            Duration processTime = Duration.ofNanos(System.nanoTime() - begin);
            begin = System.nanoTime();
            Outcome threads = withThreads(files, 2);
            Duration threadTime = Duration.ofNanos(System.nanoTime() - begin);
            log.info("processes: {} in {}", processes.byFile(), human(processTime));
            log.info("threads:   {} in {} (same: {})", threads.byFile(), human(threadTime),
                    processes.byFile().equals(threads.byFile()));
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
