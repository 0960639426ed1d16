package cookbook.pools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-03. Python original: 300 tasks go to a {@code ThreadPoolExecutor(10)} and {@code END}
 * prints at once; with {@code shutdown(True)} the main thread waits for all of them.
 *
 * <p>{@link ExecutorService#submit} never blocks. The trap is the next step: Java's
 * {@link ExecutorService#shutdown()} only stops new submissions and returns at once, unlike
 * Python's {@code shutdown(wait=True)}. Waiting takes {@link ExecutorService#awaitTermination}
 * or {@link ExecutorService#close()} (what try-with-resources calls, the Java form of the
 * Python {@code with} block). {@link ExecutorService#shutdownNow()} goes further than
 * anything in Python: it interrupts the running tasks and hands back the queued ones.
 */
public final class WaitingForPool {
    private static final Logger log = LoggerFactory.getLogger(WaitingForPool.class);

    /** What the caller could observe after each step of submit, shutdown, awaitTermination. */
    public record ShutdownOutcome(Duration submitTook, int doneWhenSubmitReturned, boolean terminatedAfterShutdown,
                                  int doneAfterShutdown, boolean terminatedAfterAwait, int doneAfterAwait,
                                  Duration awaitTook) {
    }

    /** Tasks done once close() returned, and how long close() took. */
    public record CloseOutcome(int submitted, int doneAfterClose, Duration elapsed) {
    }

    /** Running tasks that saw the interrupt, queued tasks handed back, tasks that ran to the end. */
    public record ShutdownNowOutcome(int interrupted, int neverStarted, int completed) {
    }

    private WaitingForPool() {
    }

    private static ThreadFactory named() {
        return new ThreadFactoryBuilder().setNameFormat("pool-worker-%d").build();
    }

    /**
     * Submits {@code tasks} tasks of {@code unit}, calls {@code shutdown()} and looks, then
     * waits with {@code awaitTermination}. The tasks are held at a gate until the looking is
     * done, so "nothing has finished yet" is a fact, not a matter of timing.
     */
    public static ShutdownOutcome shutdownDoesNotWait(int tasks, int workers, Duration unit) throws InterruptedException {
        return shutdownDoesNotWait(tasks, workers, () -> pause(unit));
    }

    /** As above, each task doing {@code work} once through the gate: a test passes its own here. */
    public static ShutdownOutcome shutdownDoesNotWait(int tasks, int workers, Runnable work) throws InterruptedException {
        var done = new AtomicInteger();
        var gate = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, named())) {
            Duration submitTook;
            int doneWhenSubmitted;
            boolean terminatedAfterShutdown;
            int doneAfterShutdown;
            try {
                long begin = System.nanoTime();
                for (int i = 0; i < tasks; i++) {
                    pool.submit(() -> {
                        gate.await();
                        work.run();
                        done.incrementAndGet();
                        return null;
                    });
                }
                submitTook = Duration.ofNanos(System.nanoTime() - begin);
                doneWhenSubmitted = done.get();
                log.info("END: {} tasks submitted in {} ms, {} done", tasks, submitTook.toMillis(), doneWhenSubmitted);

                // shutdown() refuses new work and returns at once; it does not wait for the queue.
                pool.shutdown();
                terminatedAfterShutdown = pool.isTerminated();
                doneAfterShutdown = done.get();
                log.info("shutdown() returned: terminated={}, {} done", terminatedAfterShutdown, doneAfterShutdown);
            } finally {
                // Now let the tasks go: on every path, or close() would wait for held tasks forever.
                gate.countDown();
            }
            long awaitBegin = System.nanoTime();
            // awaitTermination is the wait Python's shutdown(wait=True) does for you.
            boolean terminated = pool.awaitTermination(1, TimeUnit.MINUTES);
            var awaitTook = Duration.ofNanos(System.nanoTime() - awaitBegin);
            log.info("awaitTermination returned {} after {} ms: {} done", terminated, awaitTook.toMillis(), done.get());
            return new ShutdownOutcome(submitTook, doneWhenSubmitted, terminatedAfterShutdown, doneAfterShutdown,
                    terminated, done.get(), awaitTook);
        }
    }

    /** Submits tasks of {@code unit} and leaves the try block: close() waits for every one of them. */
    public static CloseOutcome closeWaits(int tasks, int workers, Duration unit) {
        return closeWaits(tasks, workers, () -> pause(unit));
    }

    /** As above, each task doing {@code work}: a test passes a gate here. */
    public static CloseOutcome closeWaits(int tasks, int workers, Runnable work) {
        var done = new AtomicInteger();
        long begin = System.nanoTime();
        // tag::idiom[]
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, named())) {
            for (int i = 0; i < tasks; i++) {
                pool.submit(() -> {
                    work.run();
                    done.incrementAndGet();
                });
            }
            log.info("Wait... {} submitted, {} done", tasks, done.get());
        } // close(): shutdown() and wait until every task is done, like Python's with block.
        // end::idiom[]
        var elapsed = Duration.ofNanos(System.nanoTime() - begin);
        log.info("Next... close() returned after {} ms with {} done", elapsed.toMillis(), done.get());
        return new CloseOutcome(tasks, done.get(), elapsed);
    }

    /**
     * Fills every worker with a task of {@code longTask}, queues {@code queued} more, then calls
     * {@code shutdownNow()}: the running ones are interrupted, the queued ones come back unrun.
     */
    public static ShutdownNowOutcome shutdownNowInterrupts(int workers, int queued, Duration longTask)
            throws InterruptedException {
        var running = new CountDownLatch(workers);
        var interrupted = new AtomicInteger();
        var completed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, named())) {
            for (int i = 0; i < workers + queued; i++) {
                pool.submit(() -> {
                    running.countDown();
                    try {
                        Thread.sleep(longTask);
                        completed.incrementAndGet();
                    } catch (InterruptedException e) {
                        // The interrupt is shutdownNow() asking this task to stop: it does, and
                        // leaves the flag set for the pool, as every task should.
                        interrupted.incrementAndGet();
                        Thread.currentThread().interrupt();
                    }
                });
            }
            if (!running.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the workers never started");
            }
            List<Runnable> neverStarted = pool.shutdownNow();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("a running task ignored the interrupt");
            }
            log.info("shutdownNow(): {} running tasks interrupted, {} queued tasks returned unrun",
                    interrupted.get(), neverStarted.size());
            return new ShutdownNowOutcome(interrupted.get(), neverStarted.size(), completed.get());
        }
    }

    private static void pause(Duration unit) {
        try {
            Thread.sleep(unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working", e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var unit = Duration.ofMillis(100);
        shutdownDoesNotWait(30, 10, unit);
        closeWaits(30, 10, unit);
        shutdownNowInterrupts(3, 5, Duration.ofMinutes(1));
    }
}
