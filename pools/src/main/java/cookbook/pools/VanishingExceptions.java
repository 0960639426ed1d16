package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * <p>Java behaves the same way with {@link ExecutorService#submit}: the exception is stored
 * in the {@link Future} and nothing is printed until someone calls {@code get()}, which
 * throws it wrapped in an {@link ExecutionException}. {@link ExecutorService#execute} has no
 * future to store it in, so the exception kills the worker and reaches the thread's
 * uncaught-exception handler. A {@link CompletableFuture} keeps it too, and
 * {@code exceptionally}/{@code handle} turn it into a value.
 */
public final class VanishingExceptions {
    private static final Logger log = LoggerFactory.getLogger(VanishingExceptions.class);

    /** After the pool closed: handler calls, the future's state, and what get() threw. */
    public record SubmitOutcome(int handlerCalls, Future.State state, Throwable exceptionNow, Throwable thrownByGet) {
    }

    /** What the uncaught-exception handler received, and on which thread. */
    public record ExecuteOutcome(String thread, Throwable received) {
    }

    /** The values recovered from a failed CompletableFuture, and the cause they saw. */
    public record Recovered(int byExceptionally, String byHandle, Throwable cause) {
    }

    private VanishingExceptions() {
    }

    /** A named pool whose threads report uncaught exceptions to {@code handler}. */
    private static ThreadFactory reportingTo(Thread.UncaughtExceptionHandler handler) {
        return new ThreadFactoryBuilder().setNameFormat("worker-%d").setUncaughtExceptionHandler(handler).build();
    }

    public static SubmitOutcome submitHidesException() throws InterruptedException {
        var handlerCalls = new AtomicInteger();
        Future<Integer> future;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, reportingTo((t, e) -> handlerCalls.incrementAndGet()))) {
            future = pool.submit(() -> {
                throw new IllegalStateException("task failed inside submit()");
            });
        }
        // The pool is closed and the task is long over, yet nothing has been reported anywhere.
        log.info("after close(): state={}, handler calls={}", future.state(), handlerCalls.get());
        Throwable thrown = null;
        try {
            future.get();
        } catch (ExecutionException e) {
            thrown = e;
            log.info("only get() reveals it: {}", e.toString());
        }
        return new SubmitOutcome(handlerCalls.get(), future.state(), future.exceptionNow(), thrown);
    }

    public static ExecuteOutcome executeReachesHandler(Duration timeout) throws InterruptedException {
        var received = new AtomicReference<Throwable>();
        var thread = new AtomicReference<String>();
        var reported = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler handler = (t, e) -> {
            thread.set(t.getName());
            received.set(e);
            log.info("uncaught-exception handler on {}: {}", t.getName(), e.toString());
            reported.countDown();
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(1, reportingTo(handler))) {
            pool.execute(() -> {
                throw new IllegalStateException("task failed inside execute()");
            });
            // The dying worker calls the handler on its way out, possibly after close() has
            // seen the pool terminate, so wait for the report itself.
            if (!reported.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the handler was never called");
            }
        }
        return new ExecuteOutcome(thread.get(), received.get());
    }

    public static Recovered completableFutureRecovers() {
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("task failed inside supplyAsync()");
        });
        var cause = new AtomicReference<Throwable>();
        // exceptionally sees the failure wrapped in a CompletionException; the cause is the original.
        int fallback = failing.exceptionally(e -> {
            cause.set(e instanceof CompletionException ce ? ce.getCause() : e);
            return -1;
        }).join();
        // handle sees both outcomes: a value or an exception, exactly one of them null.
        String described = failing.handle((value, e) -> e == null ? "value " + value : "failed: " + e.getCause().getMessage())
                .join();
        log.info("exceptionally -> {}, handle -> {}", fallback, described);
        return new Recovered(fallback, described, cause.get());
    }

    public static void main(String[] args) throws InterruptedException {
        submitHidesException();
        executeReachesHandler(Duration.ofSeconds(5));
        completableFutureRecovers();
    }
}
