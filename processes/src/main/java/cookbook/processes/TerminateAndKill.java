package cookbook.processes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-07. Python original: a reader process loops forever, so the parent ends it with
 * {@code terminate()}; {@code exitcode} is then -15 (or -9 after a kill), and a lock the
 * victim held is never released.
 *
 * <p>{@link Process#destroy()} sends SIGTERM: the child JVM runs its shutdown hooks and
 * exits with 143 (128 + 15). {@link Process#destroyForcibly()} sends SIGKILL: no hook runs,
 * exit code 137 (128 + 9). The parent waits with {@link Process#onExit()}, a future that
 * completes when the JDK's reaper collects the child, never by polling {@code isAlive()}.
 *
 * <p>What to notice: the hook's marker exists after {@code destroy()} and not after
 * {@code destroyForcibly()}; either way the child's {@code FileLock} is gone, because the
 * operating system drops a dead process's file locks.
 */
public final class TerminateAndKill {
    private static final Logger log = LoggerFactory.getLogger(TerminateAndKill.class);
    private static final Duration SAFETY_CAP = Duration.ofSeconds(60);

    /** The two ways to stop a child. */
    public enum Stop { DESTROY, DESTROY_FORCIBLY }

    /** What the stop did: Java's and Python's exit codes, the hook, the lock, the zombie. */
    public record Outcome(Stop how, int exitCode, int pythonExitCode, boolean shutdownHookRan,
                          boolean lockHeldBeforeStop, boolean lockFreeAfterStop, boolean aliveAfter,
                          boolean reaped) {
    }

    private TerminateAndKill() {
    }

    /** Starts a child that holds a file lock and sleeps "forever", then stops it as {@code how} says. */
    public static Outcome run(Path dir, Stop how, Duration timeout) throws IOException, InterruptedException {
        Path lockFile = dir.resolve("held.lock");
        Path err = dir.resolve("sleeper.err");
        Process child = new ProcessBuilder(javaCommand(LockHoldingSleeper.class, dir.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        try {
            awaitReady(dir.resolve("ready"), child, err, timeout);
            boolean heldBefore = !lockIsFree(lockFile);
            log.info("child {} is ready and holds the lock: {}; normal termination supported: {}",
                    child.pid(), heldBefore, child.supportsNormalTermination());

            // tag::idiom[]
            if (how == Stop.DESTROY) {
                child.destroy();
            } else {
                child.destroyForcibly();
            }
            // onExit() completes when the reaper has collected the child: no polling loop.
            child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int code = child.exitValue();
            // end::idiom[]
            int python = pythonExitCode(code);
            boolean reaped = ProcessHandle.of(child.pid()).map(p -> !p.isAlive()).orElse(true);
            var outcome = new Outcome(how, code, python, Files.exists(dir.resolve("hook-ran")), heldBefore,
                    lockIsFree(lockFile), child.isAlive(), reaped);
            log.info("{}: {}", how, outcome);
            return outcome;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("child " + child.pid() + " did not end within " + timeout.toMillis() + " ms"
                    + stderrTail(err), e);
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Python's {@code exitcode} for a JVM's exit code: death by signal N is -N in Python, 128 + N in the
     * JDK (the shell's convention); a JVM ending on SIGTERM calls {@code exit(128 + 15)} itself.
     */
    static int pythonExitCode(int code) {
        return code > 128 ? -(code - 128) : code;
    }

    /** True if this process can take the lock now (and it releases it at once). */
    static boolean lockIsFree(Path lockFile) throws IOException {
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             var lock = channel.tryLock()) {
            return lock != null;
        }
    }

    private static void awaitReady(Path marker, Process child, Path err, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(marker)) {
            if (!child.isAlive()) {
                throw new IllegalStateException("child exited with code " + child.exitValue()
                        + " before it was ready" + stderrTail(err));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("child not ready within " + timeout.toMillis() + " ms"
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

    /** The child's {@code main}: {@code <dir>}; locks {@code held.lock}, then sleeps. */
    public static final class LockHoldingSleeper {
        public static void main(String[] args) throws IOException, InterruptedException {
            Path dir = Path.of(args[0]);
            // Runs on SIGTERM (destroy), never on SIGKILL (destroyForcibly).
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("cleanup-hook").unstarted(() -> {
                try {
                    Files.writeString(dir.resolve("hook-ran"), "cleaned up");
                } catch (IOException e) {
                    System.err.println("hook failed: " + e);
                }
            }));
            var channel = FileChannel.open(dir.resolve("held.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            // Only now is the child worth stopping: the hook is in place and the lock is held.
            Files.writeString(dir.resolve("ready"), "ready");
            Thread.sleep(SAFETY_CAP);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        for (Stop how : Stop.values()) {
            Path dir = Files.createTempDirectory("proc-07-");
            try {
                var o = run(dir, how, Duration.ofSeconds(20));
                log.info("{}: exit code {} (Python would say {}), shutdown hook ran: {}, lock free again: {}",
                        how, o.exitCode(), o.pythonExitCode(), o.shutdownHookRan(), o.lockFreeAfterStop());
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
