package cookbook.threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
 * other thread, and the JVM, carry on.
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

    private UncaughtExceptionKillsOnlyItsThread() {
    }

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
        failing.join();
        String[] got = caught.get();

        // The process, and threading in it, go on as before.
        var result = new CompletableFuture<String>();
        Thread later = Thread.ofPlatform().name("later-worker").start(() -> result.complete("later-worker finished"));
        later.join();
        log.info("{}; main is still here", result.get());
        return new Outcome(failing.getState(), got[0], got[1], got[2], result.get());
    }

    public static void main(String[] args) throws Exception {
        log.info("{}", run());
    }
}
