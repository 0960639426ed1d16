package cookbook.threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-09. Python original: the notes claim that if any thread dies, the whole process
 * crashes; in fact an exception ends only the thread that raised it.
 *
 * <p>The same holds in Java: an exception that escapes {@code run()} terminates that one
 * thread. Its {@link Thread.UncaughtExceptionHandler} (set per thread with
 * {@link Thread.Builder#uncaughtExceptionHandler}, or for all threads with
 * {@link Thread#setDefaultUncaughtExceptionHandler}) receives the thread and the exception,
 * on the dying thread itself; without one, the stack trace goes to standard error. Every
 * other thread, and the JVM, carry on. In a pool it depends on how the task went in:
 * {@code execute()} lets the exception kill the worker (the pool starts a new one) and reach
 * the handler; {@code submit()} keeps it in the {@code Future}, where only {@code get()}
 * finds it. Even an {@link OutOfMemoryError} ends only its thread, unless the JVM is told
 * otherwise ({@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class UncaughtExceptionKillsOnlyItsThread {
    private static final Logger log = LoggerFactory.getLogger(UncaughtExceptionKillsOnlyItsThread.class);

    /**
     * The failed thread's final state; what the handler got (the thread it was given, the
     * thread it ran on, the message); and the result of a thread started afterwards.
     */
    public record Outcome(Thread.State failedState, String handlerGotThread, String handlerRanOn,
                          String handlerGotMessage, String laterThreadResult) {
    }

    public enum Handover { EXECUTE, SUBMIT }

    /**
     * A failing task handed to a one-thread pool, then a healthy one: what the threads'
     * handler saw ("thread: message"), what the failing task's Future held (null for
     * {@code execute}, which returns none), and whether the healthy task ran on a new thread.
     */
    public record PoolOutcome(Handover handover, List<String> handlerSaw, String futureHeld, boolean workerReplaced) {
    }

    /** A child JVM's standard output and standard error, line by line, and its exit code. */
    public record JvmRun(List<String> output, List<String> errors, int exitCode) {
    }

    private UncaughtExceptionKillsOnlyItsThread() {
    }

    // tag::idiom[]
    public static Outcome run() throws InterruptedException, ExecutionException {
        // A future rather than a shared field: the handler completes it, the caller waits on it.
        var caught = new CompletableFuture<String[]>();
        Thread.UncaughtExceptionHandler handler = (thread, error) -> {
            log.warn("handler: '{}' died of {}", thread.getName(), error.toString());
            caught.complete(new String[] {thread.getName(), Thread.currentThread().getName(), error.getMessage()});
        };
        Thread failing = Thread.ofPlatform().name("failing-worker").uncaughtExceptionHandler(handler).start(() -> {
            log.info("about to fail");
            throw new IllegalStateException("boom in failing-worker");
        });
        // join() returns once the thread has ended, which is after its handler ran.
        failing.join();
        Thread.State failedState = failing.getState();
        String[] got = caught.get();

        // The process, and threading in it, go on as before.
        var result = new CompletableFuture<String>();
        Thread later = Thread.ofPlatform().name("later-worker").start(() -> result.complete("later-worker finished"));
        later.join();
        log.info("{}; main is still here", result.get());
        return new Outcome(failedState, got[0], got[1], got[2], result.get());
    }
    // end::idiom[]

    /** Hands a failing task to a one-thread pool with {@code execute()} or {@code submit()}. */
    public static PoolOutcome failInPool(Handover handover) throws InterruptedException, ExecutionException {
        List<String> handlerSaw = new CopyOnWriteArrayList<>();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        var factory = Thread.ofPlatform().name("pool-worker-", 0)
                .uncaughtExceptionHandler((thread, error) -> handlerSaw.add(thread.getName() + ": " + error.getMessage()))
                .factory();
        String futureHeld = null;
        try (var pool = Executors.newSingleThreadExecutor(factory)) {
            Runnable failing = () -> {
                workers.add(Thread.currentThread());
                throw new IllegalStateException("boom in a pooled task");
            };
            if (handover == Handover.EXECUTE) {
                pool.execute(failing);
            } else {
                try {
                    pool.submit(failing).get();
                } catch (ExecutionException e) {
                    futureHeld = e.getCause().getMessage();
                }
            }
            Runnable healthy = () -> workers.add(Thread.currentThread());
            pool.submit(healthy).get();
        }
        // A thread's handler runs before the thread ends, so once every worker is joined,
        // whatever reached the handler is in the list.
        for (Thread worker : workers) {
            worker.join();
        }
        log.info("{}: handler saw {}, the Future held {}", handover, handlerSaw, futureHeld);
        return new PoolOutcome(handover, List.copyOf(handlerSaw), futureHeld, workers.get(0) != workers.get(1));
    }

    /**
     * Runs {@link OutOfMemoryDemo} in a child JVM with a small heap: a thread allocates until
     * it gets an {@link OutOfMemoryError}. With {@code exitOnOutOfMemory} the JVM is started
     * with {@code -XX:+ExitOnOutOfMemoryError}.
     */
    public static JvmRun outOfMemoryInChildJvm(boolean exitOnOutOfMemory) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        if (exitOnOutOfMemory) {
            command.add("-XX:+ExitOnOutOfMemoryError");
        }
        command.add(OutOfMemoryDemo.class.getName());
        // Standard error (the stack trace, any JVM banner) goes to a file of its own, so the
        // output is exactly what the program printed and no full pipe can stall the child.
        Path errors = Files.createTempFile("oom-child", ".err");
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (var out = child.inputReader()) {
            List<String> lines = out.lines().toList();
            int code = child.waitFor();
            return new JvmRun(lines, Files.readAllLines(errors), code);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(errors);
        }
    }

    /** The child JVM's program: one thread runs out of memory, main looks on. */
    public static final class OutOfMemoryDemo {
        public static void main(String[] args) throws InterruptedException {
            Thread hog = Thread.ofPlatform().name("memory-hog").start(() -> {
                List<long[]> hoard = new ArrayList<>();
                while (true) {
                    hoard.add(new long[1 << 20]);
                }
            });
            hog.join();
            // The hog's hoard died with it: main has memory again, and the JVM runs on.
            System.out.println("memory-hog is " + hog.getState());
            System.out.println("main carries on");
        }
    }

    public static void main(String[] args) throws Exception {
        log.info("{}", run());
        log.info("{}", failInPool(Handover.EXECUTE));
        log.info("{}", failInPool(Handover.SUBMIT));
        log.info("OutOfMemoryError in one thread: {}", outOfMemoryInChildJvm(false));
        log.info("the same with -XX:+ExitOnOutOfMemoryError: {}", outOfMemoryInChildJvm(true));
    }
}
