package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-08. Python original: pool results are never looked at, so an exception raised in a
 * task disappears without a word (the notes name the "disappearing exception" problem).
 *
 * <p>Java behaves the same way with {@link ExecutorService#submit}: the task's exception is
 * captured in the {@link Future}, the worker thread goes on to its next task, and nothing is
 * printed until someone looks at the future: {@code get()} throws it wrapped in an
 * {@link ExecutionException}. {@link ExecutorService#execute} has no future to keep it in: on
 * a {@link java.util.concurrent.ThreadPoolExecutor} the exception ends the worker thread and
 * reaches that thread's uncaught-exception handler, and a fresh thread takes the worker's
 * place. A {@link CompletableFuture} keeps it too, and {@code exceptionally}/{@code handle}
 * turn it into a value.
 */
public final class VanishingExceptions {
    private static final Logger log = LoggerFactory.getLogger(VanishingExceptions.class);

    /**
     * After the pool closed: handler calls, the future's state and exception, what get() threw,
     * the thread that ran the failing task and the thread that ran the task after it.
     */
    public record SubmitOutcome(int handlerCalls, Future.State state, Throwable exceptionNow, Throwable thrownByGet,
                                Thread failedOn, Thread nextTaskOn) {
    }

    /**
     * The thread that ran the failing task, the thread the handler was called for and what it
     * received, and the thread that ran the task after it.
     */
    public record ExecuteOutcome(Thread failedOn, Thread reportedFor, Throwable received, Thread nextTaskOn) {
    }

    /** The values recovered from a failed CompletableFuture, and the exception exceptionally saw. */
    public record Recovered(int byExceptionally, String byHandle, Throwable seenByExceptionally) {
    }

    private VanishingExceptions() {
    }

    // tag::idiom[]
    /** A named pool thread factory whose threads report uncaught exceptions to {@code handler}. */
    private static ThreadFactory reportingTo(Thread.UncaughtExceptionHandler handler) {
        return new ThreadFactoryBuilder().setNameFormat("worker-%d").setUncaughtExceptionHandler(handler).build();
    }

    public static SubmitOutcome submitHidesException() throws InterruptedException {
        var handlerCalls = new AtomicInteger();
        var failedOn = new AtomicReference<Thread>();
        Future<Integer> future;
        Future<Thread> next;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, reportingTo((t, e) -> handlerCalls.incrementAndGet()))) {
            future = pool.submit(() -> {
                failedOn.set(Thread.currentThread());
                throw new IllegalStateException("task failed inside submit()");
            });
            // One worker: the next task runs on the same thread, because the exception never left the task.
            next = pool.submit(Thread::currentThread);
        }
        // The pool is closed and the task is long over, yet nothing has been reported anywhere.
        log.info("after close(): state={}, handler calls={}", future.state(), handlerCalls.get());
        Throwable thrown = null;
        try {
            future.get();
        } catch (ExecutionException e) {
            thrown = e;
            log.info("only looking at the future reveals it: {}", e.toString());
        }
        return new SubmitOutcome(handlerCalls.get(), future.state(), future.exceptionNow(), thrown, failedOn.get(),
                next.resultNow());
    }
    // end::idiom[]

    public static ExecuteOutcome executeReachesHandler(Duration timeout) throws InterruptedException {
        var failedOn = new AtomicReference<Thread>();
        var reportedFor = new AtomicReference<Thread>();
        var received = new AtomicReference<Throwable>();
        var reported = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler handler = (t, e) -> {
            reportedFor.set(t);
            received.set(e);
            log.info("uncaught-exception handler for {}: {}", t.getName(), e.toString());
            reported.countDown();
        };
        Future<Thread> next;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, reportingTo(handler))) {
            pool.execute(() -> {
                failedOn.set(Thread.currentThread());
                throw new IllegalStateException("task failed inside execute()");
            });
            // The failed worker is gone; the pool starts a fresh thread for the next task.
            next = pool.submit(Thread::currentThread);
            // The dying worker calls the handler on its way out, possibly after close() has
            // seen the pool terminate, so wait for the report itself.
            if (!reported.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the handler was never called");
            }
        }
        log.info("the failed task ran on {}, the next one on {}", failedOn.get().getName(), next.resultNow().getName());
        return new ExecuteOutcome(failedOn.get(), reportedFor.get(), received.get(), next.resultNow());
    }

    public static Recovered completableFutureRecovers() {
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("task failed inside supplyAsync()");
        });
        var seen = new AtomicReference<Throwable>();
        // exceptionally sees the failure wrapped in a CompletionException; the cause is the original.
        int fallback = failing.exceptionally(e -> {
            seen.set(e);
            return -1;
        }).join();
        // handle sees both outcomes: a value or an exception, exactly one of them null.
        String described = failing.handle((value, e) -> e == null ? "value " + value : "failed: " + e.getCause().getMessage())
                .join();
        log.info("exceptionally -> {}, handle -> {}", fallback, described);
        return new Recovered(fallback, described, seen.get());
    }

    public static void main(String[] args) throws InterruptedException {
        submitHidesException();
        executeReachesHandler(Duration.ofSeconds(5));
        completableFutureRecovers();
    }
}
