package cookbook.threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-03. Python original: a reference table of the threading API: name, ident, daemon (set
 * before start), is_alive, join(timeout) and threading.enumerate().
 *
 * <p>Each part of the API is one small method that returns what it saw. What to notice:
 * the daemon flag is fixed once a thread starts, a timed join tells you (by its return value)
 * whether the thread ended, only platform threads are enumerable, virtual threads are always
 * daemons, and the JVM waits at exit for non-daemon threads but abandons daemon ones without
 * running their {@code finally} blocks.
 */
public final class ThreadApiTour {
    private static final Logger log = LoggerFactory.getLogger(ThreadApiTour.class);

    /** What a thread says about itself; Python's {@code ident} is {@code threadId()}. */
    public record Identity(String name, long id, boolean daemon, boolean virtual) {
        static Identity of(Thread t) {
            return new Identity(t.getName(), t.threadId(), t.isDaemon(), t.isVirtual());
        }
    }

    /** isAlive() around start and join; whether {@code getAllStackTraces()} lists the thread. */
    public record Liveness(boolean aliveBeforeStart, boolean aliveWhileRunning, boolean aliveAfterJoin,
                           boolean listedWhileAlive, boolean listedAfterJoin, boolean virtualListed) {
    }

    /**
     * {@code join(Duration)} returns false when the thread outlives the patience; interrupt()
     * ends it, and the thread keeps its interrupt flag (restored, not swallowed).
     */
    public record TimedJoin(boolean joinedInTime, boolean aliveAfterTimedJoin, boolean endedAfterInterrupt,
                            boolean interruptFlagKept) {
    }

    /** The exceptions thrown by changing the daemon flag too late, or on a virtual thread. */
    public record DaemonRules(String setDaemonAfterStart, boolean stillNonDaemon,
                              String virtualSetDaemonFalse, boolean virtualIsDaemon) {
    }

    /**
     * A child JVM's standard output, line by line in order; what the JVM itself wrote to
     * standard error (banners, warnings, stack traces); its exit code; how long it lived.
     */
    public record JvmExit(List<String> output, List<String> errors, int exitCode, Duration lifetime) {
    }

    private ThreadApiTour() {
    }

    public static Identity identify(Thread t) {
        return Identity.of(t);
    }

    // tag::idiom[]
    public static Liveness liveness(String name) throws InterruptedException {
        var release = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().name(name).unstarted(() -> awaitQuietly(release));
        boolean before = t.isAlive();
        t.start();
        boolean during = t.isAlive();
        // threading.enumerate() for Java: every live platform thread. Virtual threads are
        // not in it (there may be millions); a thread dump is the tool for those.
        awaitParked(t);
        boolean listed = Thread.getAllStackTraces().containsKey(t);
        Thread v = Thread.ofVirtual().name(name + "-virtual").start(() -> awaitQuietly(release));
        awaitParked(v);
        boolean virtualListed = Thread.getAllStackTraces().containsKey(v);
        release.countDown();
        t.join();
        v.join();
        return new Liveness(before, during, t.isAlive(), listed, Thread.getAllStackTraces().containsKey(t), virtualListed);
    }

    /** Joins a thread that sleeps {@code work} for at most {@code patience}, then stops it. */
    public static TimedJoin timedJoin(Duration work, Duration patience) throws InterruptedException {
        Thread t = Thread.ofPlatform().name("slow-worker").start(() -> {
            try {
                Thread.sleep(work);
            } catch (InterruptedException e) {
                // Asked to stop early: nothing to clean up. End, with the flag restored.
                Thread.currentThread().interrupt();
            }
        });
        // join(Duration) says whether the thread ended in time; Python's join(timeout) does not.
        boolean joined = t.join(patience);
        boolean alive = t.isAlive();
        // Python has no way to stop a thread; Java asks politely with interrupt().
        t.interrupt();
        boolean ended = t.join(Duration.ofSeconds(10));
        return new TimedJoin(joined, alive, ended, t.isInterrupted());
    }
    // end::idiom[]

    public static DaemonRules daemonRules() throws InterruptedException {
        var release = new CountDownLatch(1);
        Thread running = Thread.ofPlatform().name("already-running").daemon(false).start(() -> awaitQuietly(release));
        awaitParked(running);
        String late = "nothing";
        try {
            running.setDaemon(true);
        } catch (IllegalThreadStateException e) {
            late = e.getClass().getSimpleName();
        } finally {
            release.countDown();
            running.join();
        }
        Thread virtual = Thread.ofVirtual().name("virtual").unstarted(() -> { });
        String virtualError = "nothing";
        try {
            virtual.setDaemon(false);
        } catch (IllegalArgumentException e) {
            virtualError = e.getClass().getSimpleName();
        }
        return new DaemonRules(late, !running.isDaemon(), virtualError, virtual.isDaemon());
    }

    /**
     * Runs {@link ExitDemo} in a child JVM: its main starts one sleeper thread and returns.
     * With a non-daemon sleeper the JVM waits for it; with a daemon one it exits at once.
     */
    public static JvmExit childJvmExit(boolean daemon, Duration sleep) throws IOException, InterruptedException {
        return childJvmExit(daemon, sleep, Map.of());
    }

    /** As above, with extra environment variables for the child (a test sets JAVA_TOOL_OPTIONS). */
    static JvmExit childJvmExit(boolean daemon, Duration sleep, Map<String, String> environment)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-cp", System.getProperty("java.class.path"), ExitDemo.class.getName(),
                daemon ? "daemon" : "non-daemon", Long.toString(sleep.toMillis()));
        long begin = System.nanoTime();
        // The JVM writes its own notices to standard error ("Picked up JAVA_TOOL_OPTIONS: ..."
        // when that variable is set, VM warnings): send it to a file of its own, so the output
        // is exactly what the program printed and no full pipe can stall the child.
        Path errors = Files.createTempFile("child-jvm", ".err");
        var builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process child = builder.start();
        try (var out = child.inputReader()) {
            // Reading to the end of the output is waiting for the child to exit.
            List<String> lines = out.lines().toList();
            int code = child.waitFor();
            return new JvmExit(lines, Files.readAllLines(errors), code, Duration.ofNanos(System.nanoTime() - begin));
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(errors);
        }
    }

    /** The child JVM's program. Plain System.out, so the parent can read it without a logger. */
    public static final class ExitDemo {
        public static void main(String[] args) throws InterruptedException {
            boolean daemon = args[0].equals("daemon");
            Duration sleep = Duration.ofMillis(Long.parseLong(args[1]));
            // The sleeper starts its nap only after main has said goodbye, so the lines come
            // in the same order on every run.
            var mainDone = new CountDownLatch(1);
            Thread.ofPlatform().name("sleeper").daemon(daemon).start(() -> {
                try {
                    mainDone.await();
                    Thread.sleep(sleep);
                    System.out.println("sleeper woke up");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    System.out.println("sleeper finally");
                }
            });
            System.out.println("main returns");
            System.out.flush();
            mainDone.countDown();
        }
    }

    /**
     * Waits until {@code t} is parked (on its latch): from then on it stays alive until
     * released, so what the caller checks next is checked on a live thread.
     */
    private static void awaitParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING) {
            if (t.getState() == Thread.State.TERMINATED) {
                throw new IllegalStateException(t.getName() + " ended before it parked");
            }
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A duration as a reader wants it: {@code 16 ms}, {@code 1.2 s}. */
    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        log.info("this thread: {}", identify(Thread.currentThread()));
        var builder = Thread.ofPlatform().name("worker-", 0).daemon(true);
        log.info("built, not started: {} and {}", identify(builder.unstarted(() -> { })), identify(builder.unstarted(() -> { })));
        log.info("virtual: {}", identify(Thread.ofVirtual().name("v").unstarted(() -> { })));
        log.info("{}", liveness("listed"));
        log.info("join(300 ms) on a 2 s sleeper: {}", timedJoin(Duration.ofSeconds(2), Duration.ofMillis(300)));
        log.info("{}", daemonRules());
        var waited = childJvmExit(false, Duration.ofSeconds(1));
        log.info("child JVM, non-daemon sleeper of 1 s: printed {}, exit code {}, lived {}",
                waited.output(), waited.exitCode(), human(waited.lifetime()));
        var abandoned = childJvmExit(true, Duration.ofSeconds(60));
        log.info("child JVM, daemon sleeper of 60 s: printed {}, exit code {}, lived {}",
                abandoned.output(), abandoned.exitCode(), human(abandoned.lifetime()));
    }
}
