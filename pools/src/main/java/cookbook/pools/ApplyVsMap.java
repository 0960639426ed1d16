package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-06. Python original: the same square function run through a pool's {@code apply},
 * {@code apply_async} with a callback, {@code map} and {@code map_async} with a callback.
 *
 * <p>The four styles in Java, on one {@link ExecutorService}:
 * <ul>
 * <li>{@code apply(f, x)}: {@code pool.submit(() -> f(x)).get()}, so a loop runs one task at a time;
 * <li>{@code apply_async(f, x, callback)}: {@code CompletableFuture.supplyAsync(.., pool).thenAccept(callback)},
 *     one callback per result, in completion order;
 * <li>{@code map(f, xs)}: {@code pool.invokeAll(tasks)}, blocking, results in input order;
 * <li>{@code map_async(f, xs, callback)}: {@code allOf(..).thenApply(ordered list).thenAccept(callback)},
 *     one callback with the whole ordered list.
 * </ul>
 */
public final class ApplyVsMap {
    private static final Logger log = LoggerFactory.getLogger(ApplyVsMap.class);

    /** The four Python call styles. */
    public enum Style { APPLY, APPLY_ASYNC, MAP, MAP_ASYNC }

    /**
     * What a style produced: the results as the caller (or its callback) saw them, how many
     * times a callback ran, the most tasks running at once, and the time taken.
     */
    public record Run(Style style, List<Integer> results, int callbackCalls, int peakConcurrency, Duration elapsed) {
    }

    private ApplyVsMap() {
    }

    /** Squares each input after a pause of {@code unit}, in the given style. */
    public static Run run(Style style, List<Integer> inputs, int workers, Duration unit)
            throws InterruptedException, ExecutionException {
        return run(style, inputs, workers, () -> pause(unit));
    }

    /** As above with any {@code work} before the square: a test passes a gate here. */
    public static Run run(Style style, List<Integer> inputs, int workers, Runnable work)
            throws InterruptedException, ExecutionException {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        var callbackCalls = new AtomicInteger();
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers,
                new ThreadFactoryBuilder().setNameFormat("worker-%d").build())) {
            // The seed's foo_pool(x): pause, return x * x; the counter tracks overlap.
            List<Callable<Integer>> tasks = inputs.stream().<Callable<Integer>>map(x -> () -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    work.run();
                    return x * x;
                } finally {
                    running.decrementAndGet();
                }
            }).toList();

            // tag::idiom[]
            switch (style) {
                case APPLY -> {
                    // get() right after submit: the caller waits for each task before the next.
                    for (Callable<Integer> task : tasks) {
                        seen.add(pool.submit(task).get());
                    }
                }
                case APPLY_ASYNC -> {
                    var all = new ArrayList<CompletableFuture<Void>>();
                    for (Callable<Integer> task : tasks) {
                        all.add(CompletableFuture.supplyAsync(() -> call(task), pool).thenAccept(r -> {
                            callbackCalls.incrementAndGet();
                            seen.add(r);
                        }));
                    }
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                }
                case MAP -> {
                    for (Future<Integer> f : pool.invokeAll(tasks)) {
                        seen.add(f.get());
                    }
                }
                case MAP_ASYNC -> {
                    List<CompletableFuture<Integer>> futures = tasks.stream()
                            .map(task -> CompletableFuture.supplyAsync(() -> call(task), pool)).toList();
                    // One callback, once, with every result in input order.
                    CompletableFuture<Void> whenAll = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                            .thenApply(v -> futures.stream().map(CompletableFuture::join).toList())
                            .thenAccept(list -> {
                                callbackCalls.incrementAndGet();
                                seen.addAll(list);
                            });
                    log.info("map_async returned at once; the callback will get the list");
                    whenAll.join();
                }
            }
            // end::idiom[]
        }
        var run = new Run(style, List.copyOf(seen), callbackCalls.get(), peak.get(),
                Duration.ofNanos(System.nanoTime() - begin));
        log.info("{}: {} callbacks={} peak={} {} ms", style, run.results(), run.callbackCalls(), run.peakConcurrency(),
                run.elapsed().toMillis());
        return run;
    }

    private static Integer call(Callable<Integer> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration unit) {
        try {
            Thread.sleep(unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        var inputs = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        log.info("10 tasks of 200 ms on 2 workers: apply about 2 s, the others about 1 s");
        for (Style style : Style.values()) {
            run(style, inputs, 2, Duration.ofMillis(200));
        }
    }
}
