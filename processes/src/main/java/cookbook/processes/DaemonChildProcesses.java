package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-06. Python original: a daemon child ({@code foo}) is killed as soon as the main
 * process's code ends, before it prints {@code end123}, while a normal child ({@code bar})
 * is waited for and prints {@code end456}.
 *
 * <p>Java has no daemon processes: a child JVM outlives its parent by default (it is
 * re-parented to init). A child that must die with its parent has to watch for it. Here the
 * "parent" is itself a child JVM, {@link MiddleParent}, so it can be ended in front of us
 * (by returning from {@code main}, or by {@code SIGKILL}). It starts {@link ParentWatchingChild},
 * which exits when its stdin reaches end-of-file or its parent's {@link ProcessHandle}
 * reports an exit, and {@link IndependentChild}, which ignores its parent and keeps going
 * until it is released.
 *
 * <p>What to notice: when the middle parent ends, either way, the watching child ends too
 * and never writes {@code end123}; the independent one is still alive, now an orphan, and
 * writes {@code end456} when released.
 */
public final class DaemonChildProcesses {
    private static final Logger log = LoggerFactory.getLogger(DaemonChildProcesses.class);
    /** No process of this recipe lives longer than this, even if its parent vanished. */
    private static final Duration SAFETY_CAP = Duration.ofSeconds(60);

    /** How the middle parent ends: its {@code main} returns, or it is killed with SIGKILL. */
    public enum ParentEnding { RETURNS, KILLED }

    /** What happened to each of the three processes. */
    public record Outcome(int parentExitCode, String watcherNoticed, boolean end123Written,
                          boolean independentAliveAfterParent, boolean end456Written) {
    }

    private DaemonChildProcesses() {
    }

    /**
     * Starts the middle parent in {@code dir}, ends it as {@code ending} says, and watches its
     * two children. {@code daemonWork} is how long the watching child would work if nobody
     * stopped it; make it much longer than a JVM start.
     */
    public static Outcome run(Path dir, ParentEnding ending, Duration daemonWork, Duration timeout)
            throws IOException, InterruptedException {
        Path out = dir.resolve("parent.out");
        Path err = dir.resolve("parent.err");
        Process parent = new ProcessBuilder(javaCommand(MiddleParent.class, dir.toString(),
                ending.name(), daemonWork.toString()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        Optional<ProcessHandle> watcher = Optional.empty();
        Optional<ProcessHandle> independent = Optional.empty();
        try {
            String[] pids = awaitLine(out, "children ", parent, err, timeout).split(" ");
            watcher = ProcessHandle.of(Long.parseLong(pids[1]));
            independent = ProcessHandle.of(Long.parseLong(pids[2]));
            log.info("middle parent {} started watcher {} and independent {}", parent.pid(), pids[1], pids[2]);

            if (ending == ParentEnding.KILLED) {
                // SIGKILL: no shutdown hook runs, so only a watch in the child can notice.
                parent.destroyForcibly();
            }
            // The middle parent is our own child: waitFor is exact and gives its exit code.
            if (!parent.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("middle parent still runs after " + timeout.toMillis() + " ms"
                        + stderrTail(err));
            }
            int parentCode = parent.exitValue();
            log.info("middle parent ended with exit code {}", parentCode);

            if (watcher.isPresent()) {
                awaitEnd(watcher.get(), timeout, "watching child");
            }
            String noticed = Files.exists(dir.resolve("parent-gone")) ? Files.readString(dir.resolve("parent-gone")) : "";
            boolean independentAlive = independent.map(ProcessHandle::isAlive).orElse(false);
            log.info("watching child ended ({}); independent child alive: {}", noticed, independentAlive);

            Files.writeString(dir.resolve("release"), "go");
            if (independent.isPresent()) {
                awaitEnd(independent.get(), timeout, "independent child");
            }
            return new Outcome(parentCode, noticed, Files.exists(dir.resolve("end123")), independentAlive,
                    Files.exists(dir.resolve("end456")));
        } finally {
            // The orphans are no longer our descendants: end them by handle.
            parent.destroyForcibly();
            watcher.ifPresent(ProcessHandle::destroyForcibly);
            independent.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Waits for a process that is not (or no longer) our child. For those, {@code onExit()}
     * cannot use the kernel's exit notification and falls back to polling every 0.3 to 5 s
     * inside the JDK; a 10 ms check of {@code isAlive()} answers much sooner. For our own
     * children, {@code onExit()} is exact (PROC-07).
     */
    private static void awaitEnd(ProcessHandle process, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " " + process.pid() + " still runs after "
                        + timeout.toMillis() + " ms");
            }
            Thread.sleep(10);
        }
    }

    /** Waits for a line starting with {@code prefix} in {@code file}, written by {@code writer}. */
    private static String awaitLine(Path file, String prefix, Process writer, Path err, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(file)) {
                // Only complete lines count: the writer may be half-way through one.
                String text = Files.readString(file);
                var complete = text.substring(0, text.lastIndexOf('\n') + 1).lines();
                var line = complete.filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            if (!writer.isAlive()) {
                throw new IllegalStateException("process " + writer.pid() + " exited with code "
                        + writer.exitValue() + " before printing '" + prefix + "'" + stderrTail(err));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no '" + prefix + "' line within " + timeout.toMillis() + " ms"
                        + stderrTail(err));
            }
            Thread.sleep(10);
        }
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

    /** The seed's main process: {@code <dir> <RETURNS|KILLED> <daemon work>}. */
    public static final class MiddleParent {
        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the children's pids: keep it, and point System.out at stderr so nothing
            // else that prints (a library announcing itself as a class initialises) can get into it.
            PrintStream report = System.out;
            System.setOut(System.err);
            Path dir = Path.of(args[0]);
            // The watcher's stdin stays a pipe from this JVM: it closes when this JVM ends.
            Process watcher = new ProcessBuilder(javaCommand(ParentWatchingChild.class, args[0], args[2]))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("watcher.err").toFile())
                    .start();
            Process independent = new ProcessBuilder(javaCommand(IndependentChild.class, args[0]))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("independent.err").toFile())
                    .start();
            report.println("children " + watcher.pid() + " " + independent.pid());
            report.println("main-----");
            report.flush();
            if (ParentEnding.valueOf(args[1]) == ParentEnding.KILLED) {
                // Wait to be killed; the cap only matters if nobody ever does it.
                Thread.sleep(SAFETY_CAP);
            }
            // Returning ends this JVM: Java does not wait for child processes.
        }
    }

    // tag::idiom[]
    /** The "daemon" ({@code foo}): {@code <dir> <work>}; ends as soon as its parent ends. */
    public static final class ParentWatchingChild {
        public static void main(String[] args) throws IOException, InterruptedException {
            Path dir = Path.of(args[0]);
            // Two watches; either one is enough. Stdin EOF comes the moment the parent dies,
            // even by SIGKILL, because the kernel closes the parent's end of the pipe.
            Thread.ofPlatform().name("stdin-watcher").daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // Nothing is ever sent; we only wait for end-of-file.
                    }
                    parentGone(dir, "stdin closed");
                } catch (IOException e) {
                    parentGone(dir, "stdin failed: " + e);
                }
            });
            ProcessHandle.current().parent()
                    .ifPresent(p -> p.onExit().thenRun(() -> parentGone(dir, "parent " + p.pid() + " exited")));

            Thread.sleep(Duration.parse(args[1]));
            Files.writeString(dir.resolve("end123"), "end123");
        }
        // end::idiom[]

        private static synchronized void parentGone(Path dir, String how) {
            try {
                Files.writeString(dir.resolve("parent-gone"), how);
            } catch (IOException e) {
                System.err.println("could not record " + how + ": " + e);
            }
            System.exit(0);
        }
    }

    /** The normal child ({@code bar}): {@code <dir>}; ignores its parent and works until released. */
    public static final class IndependentChild {
        public static void main(String[] args) throws IOException, InterruptedException {
            Path dir = Path.of(args[0]);
            long deadline = System.nanoTime() + SAFETY_CAP.toNanos();
            while (!Files.exists(dir.resolve("release")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Files.writeString(dir.resolve("end456"), "end456");
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        for (ParentEnding ending : ParentEnding.values()) {
            Path dir = Files.createTempDirectory("proc-06-");
            try {
                var outcome = run(dir, ending, Duration.ofSeconds(5), Duration.ofSeconds(20));
                log.info("parent {}: {}", ending, outcome);
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
}
