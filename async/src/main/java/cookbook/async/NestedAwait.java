package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-04. Python original: {@code get_sum} does {@code await compute(1, 2)}, which prints,
 * sleeps and returns 3, and then prints {@code 1 + 2 = 3}.
 *
 * <p>In Java, the code after an {@code await} becomes a continuation on the awaited future.
 * If the continuation is plain code, it is {@code thenApply}; if it is itself a coroutine (it
 * returns a future), it is {@code thenCompose}, which waits for that inner future too.
 * {@code thenApply} with a future-returning function would give a future of a future: the
 * Java spelling of forgetting an {@code await}.
 */
public final class NestedAwait {
    private static final Logger log = LoggerFactory.getLogger(NestedAwait.class);

    /** One line of the story: which thread did what (its name for the reader, its id for a test). */
    public record Step(String thread, long threadId, String what) {
    }

    /** The two sums, the story, and the time taken. */
    public record Outcome(int first, int second, List<Step> steps, Duration elapsed) {
    }

    private NestedAwait() {
    }

    /** A one-thread event loop with a sleep that does not block it. */
    static final class EventLoop implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("event-loop").factory());

        CompletableFuture<Void> sleep(Duration d) {
            var later = CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, thread);
            return CompletableFuture.runAsync(() -> { }, later);
        }

        /** Runs the coroutine on the loop thread and waits for the future it returns. */
        <T> T runUntilComplete(Supplier<CompletableFuture<T>> coroutine) {
            return CompletableFuture.supplyAsync(coroutine, thread).thenCompose(f -> f).join();
        }

        @Override
        public void close() {
            thread.close();
        }
    }

    // tag::idiom[]
    /** {@code async def compute(x, y)}: print, sleep {@code d}, return x + y. */
    static CompletableFuture<Integer> compute(EventLoop loop, int x, int y, Duration d, List<Step> steps) {
        record(steps, "compute x+y => " + x + "+" + y);
        return loop.sleep(d).thenApply(ignored -> x + y);
    }

    /** {@code async def get_sum(x, y)}: {@code result = await compute(x, y)}, then print it. */
    static CompletableFuture<Integer> getSum(EventLoop loop, int x, int y, Duration d, List<Step> steps) {
        return compute(loop, x, y, d, steps).thenApply(result -> {
            record(steps, x + " + " + y + " = " + result);
            return result;
        });
    }

    /**
     * Two awaits in a row: {@code a = await get_sum(1, 2); b = await get_sum(10, 50)}. The second
     * call is a coroutine, so it is chained with {@code thenCompose}.
     */
    public static Outcome run(Duration d) {
        List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        long begin = System.nanoTime();
        try (var loop = new EventLoop()) {
            List<Integer> sums = loop.runUntilComplete(() -> getSum(loop, 1, 2, d, steps)
                    .thenCompose(a -> getSum(loop, 10, 50, d, steps).thenApply(b -> List.of(a, b))));
            return new Outcome(sums.get(0), sums.get(1), List.copyOf(steps), Duration.ofNanos(System.nanoTime() - begin));
        }
    }
    // end::idiom[]

    private static void record(List<Step> steps, String what) {
        log.info(what);
        steps.add(new Step(Thread.currentThread().getName(), Thread.currentThread().threadId(), what));
    }

    public static void main(String[] args) {
        Outcome outcome = run(Duration.ofSeconds(1));
        log.info("results {} and {} after {} ms: the awaits ran one after the other", outcome.first(),
                outcome.second(), outcome.elapsed().toMillis());
    }
}
