package cookbook.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JSR-166 TCK's "start a thread that blocks, check it blocks, then end it" in one
 * object: start an action on a named daemon platform thread, wait until it parks, assert
 * what you need while it is stuck, and let {@link #close()} interrupt and join it.
 *
 * <pre>{@code
 * try (var taker = BlockingThread.start("taker", queue::take)) {
 *     taker.awaitWaiting();                  // parked inside take(): the queue is empty
 *     assertFalse(taker.hasEnded());
 * }                                          // interrupted and joined here
 * }</pre>
 *
 * <p>Use it in try-with-resources: when an assertion inside the block fails, a failure of
 * {@code close()} is attached to it as suppressed and never hides it, which an assertion in a
 * {@code finally} block would.
 */
public final class BlockingThread implements AutoCloseable {
    /** What the thread runs: anything that blocks, typically interruptibly. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Thread thread;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private BlockingThread(String name, Action action) {
        // Build the thread here, start it in the factory: nothing escapes a constructor.
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                action.run();
                ended.complete(null);
            } catch (Throwable t) {
                ended.completeExceptionally(t);
            }
        });
    }

    /** Starts {@code action} on a daemon platform thread called {@code name}. */
    public static BlockingThread start(String name, Action action) {
        var blocking = new BlockingThread(name, action);
        blocking.thread.start();
        return blocking;
    }

    public Thread thread() {
        return thread;
    }

    /** Waits until the thread is parked untimed ({@code wait}, {@code park}, {@code take}...). */
    public BlockingThread awaitWaiting() {
        ThreadStateProbe.awaitWaiting(thread);
        return this;
    }

    /** Waits until the thread waits to enter a {@code synchronized} block. */
    public BlockingThread awaitBlocked() {
        ThreadStateProbe.awaitBlocked(thread);
        return this;
    }

    /** Waits until the thread is parked in any way. */
    public BlockingThread awaitParked() {
        ThreadStateProbe.awaitParked(thread);
        return this;
    }

    /** True once the action returned or threw. */
    public boolean hasEnded() {
        return ended.isDone();
    }

    /**
     * Waits for the action to end on its own and returns what it threw, or {@code null} if it
     * returned normally. Fails if it is still running after {@code atMost}.
     */
    public Throwable awaitEnd(Duration atMost) {
        try {
            ended.get(atMost.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("thread '" + thread.getName() + "' still running after " + atMost
                    + ", state " + thread.getState() + " at\n" + ThreadStateProbe.stackOf(thread), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for '" + thread.getName() + "'", e);
        }
    }

    /** {@link #awaitEnd(Duration)} with the patience of {@link ThreadStateProbe#PATIENCE}. */
    public Throwable awaitEnd() {
        return awaitEnd(ThreadStateProbe.PATIENCE);
    }

    /**
     * Interrupts the thread if it is still running and joins it. Fails if it ignores the
     * interrupt (a thread stuck entering {@code synchronized} does): the daemon thread is then
     * left for {@link LeakCheck} to report.
     */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
        awaitEnd();
        // The action has ended; the thread itself ends an instant later. Wait for that too, so
        // the leak check never sees it.
        try {
            if (!thread.join(ThreadStateProbe.PATIENCE)) {
                throw new AssertionError("thread '" + thread.getName() + "' did not end after its action");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining '" + thread.getName() + "'", e);
        }
    }
}
