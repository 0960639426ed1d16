package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-01. Python original: {@code Process(target=do_sth, args=(name,))} prints its name and
 * {@code os.getpid()}, sleeps, and the parent {@code start()}s it, then {@code join()}s it.
 *
 * <p>Java has no {@code fork()}: {@link ProcessBuilder} starts a fresh JVM whose {@code main}
 * is the nested class {@link PidReporter}. The child learns its own pid and its parent's from
 * {@link ProcessHandle}; the parent learns the child's from {@link Process#pid()} and waits
 * with {@code waitFor(timeout)}, the bounded form of {@code join()}.
 *
 * <p>What to notice: the pid the child reports is the one the parent was given, the child's
 * parent pid is the parent JVM's own pid, and calling the child's logic directly (Python's
 * {@code p.run()}) runs it in this process, with this process's pid.
 */
public final class ProcessLaunchAndPids {
    private static final Logger log = LoggerFactory.getLogger(ProcessLaunchAndPids.class);
    private static final Pattern REPORT = Pattern.compile("name=(.*) pid=(\\d+) parent=(-?\\d+)");

    /** What a process says about itself. */
    public record Report(String name, long pid, long parentPid) {
        static Report parse(String line) {
            var m = REPORT.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalStateException("the child printed something that is not a report: '" + line + "'");
            }
            return new Report(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        }
    }

    /** The parent's view of one launch: the pids on both sides, liveness, exit code, time. */
    public record Outcome(long launchedPid, Report report, long parentPid, boolean aliveBeforeWait,
                          boolean aliveAfterWait, int exitCode, Duration elapsed) {
    }

    private ProcessLaunchAndPids() {
    }

    /**
     * Starts a child JVM named {@code name} that sleeps {@code pause}, and waits at most
     * {@code timeout} for it. Its output goes to files in {@code workDir}: a file never fills
     * up, so the child can never block on it (PROC-08 shows what a full pipe does).
     *
     * @throws IllegalStateException if the child hangs, fails or prints garbage; the message
     *                               carries the exit code and the tail of its stderr
     */
    public static Outcome launch(String name, Duration pause, Duration timeout, Path workDir)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("pid-reporter.out");
        Path err = workDir.resolve("pid-reporter.err");
        long begin = System.nanoTime();
        // tag::idiom[]
        Process child = new ProcessBuilder(javaCommand(PidReporter.class, name, pause.toString()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            // The child waits for end-of-input before it does anything, so it is certainly
            // still running here; closing its stdin is the parent's "go".
            boolean aliveBefore = child.isAlive();
            log.info("started child pid {}; alive: {}", child.pid(), aliveBefore);
            child.getOutputStream().close();

            // Python's join(), with a bound: waitFor() without a timeout could wait forever.
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child " + child.pid() + " did not finish within "
                        + timeout.toMillis() + " ms; destroyed it" + stderrTail(err));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
            int code = child.exitValue();
            if (code != 0) {
                throw new IllegalStateException("child " + child.pid() + " exited with code " + code + stderrTail(err));
            }
            var report = Report.parse(Files.readString(out));
            log.info("child says {}; after waitFor alive: {}, exit code {}", report, child.isAlive(), code);
            return new Outcome(child.pid(), report, ProcessHandle.current().pid(), aliveBefore,
                    child.isAlive(), code, elapsed);
        } finally {
            // A no-op for a child that has exited; the cure for one that hangs.
            child.destroyForcibly();
        }
        // end::idiom[]
    }

    /** Python's {@code p.run()}: the child's logic called directly, so it runs right here. */
    public static Report runHere(String name) {
        return PidReporter.report(name);
    }

    // Java has no fork(): a child is a new JVM, the same java and class path, a nested class as main. The
    // JVM's own warnings would go to stdout, where a child may be speaking a protocol: send them to stderr.
    // A child that touches a class with a static SLF4J logger would start the parent's logging framework
    // (seconds of start-up on a busy machine, and output of its own): children get SLF4J's no-op provider.
    static List<String> javaCommand(Class<?> main, String... args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String stderrTail(Path err) throws IOException {
        List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
        return "; last lines of its stderr:\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /** The child's {@code main}: {@code <name> <pause as ISO-8601 Duration>}. */
    public static final class PidReporter {
        static Report report(String name) {
            var me = ProcessHandle.current();
            return new Report(name, me.pid(), me.parent().map(ProcessHandle::pid).orElse(-1L));
        }

        public static void main(String[] args) throws IOException, InterruptedException {
            // Parse first, so a bad argument fails before the child waits for anything.
            String name = args[0];
            if (name.isBlank()) {
                throw new IllegalArgumentException("a process needs a name, got '" + name + "'");
            }
            Duration pause = Duration.parse(args[1]);
            // stdout carries the report: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream report = System.out;
            System.setOut(System.err);
            System.in.readAllBytes();
            var r = report(name);
            report.println("name=" + r.name() + " pid=" + r.pid() + " parent=" + r.parentPid());
            report.flush();
            Thread.sleep(pause);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        log.info("this JVM: pid {}, {} CPUs (Python's cpu_count())",
                ProcessHandle.current().pid(), Runtime.getRuntime().availableProcessors());
        log.info("p.run() equivalent, same process: {}", runHere("in-process"));

        Path dir = Files.createTempDirectory("proc-01-");
        try {
            var outcome = launch("my_progress", Duration.ofMillis(500), Duration.ofSeconds(20), dir);
            log.info("child pid {} (parent was told {}), child's parent {} (this JVM is {}), waited {} ms",
                    outcome.report().pid(), outcome.launchedPid(), outcome.report().parentPid(),
                    outcome.parentPid(), outcome.elapsed().toMillis());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
