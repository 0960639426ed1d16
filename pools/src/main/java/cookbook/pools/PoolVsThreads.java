package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-01. Python original: ten one-second {@code run(n)} calls done one by one, then in
 * hand-made batches of four threads, then on a four-thread pool, timing each way.
 *
 * <p>The Java pool is an {@link ExecutorService} whose threads come from Guava's
 * {@link ThreadFactoryBuilder}, so they carry readable names. A high-water mark counts how
 * many tasks were ever running at once: that number, not the clock, is what separates the
 * three strategies. The clock then follows the rule N tasks of d on W workers take about
 * ceil(N/W) x d.
 */
public final class PoolVsThreads {
    private static final Logger log = LoggerFactory.getLogger(PoolVsThreads.class);

    /** The three ways the seed runs the same tasks. */
    public enum Strategy { SEQUENTIAL, BATCHED_THREADS, FIXED_POOL }

    /** What a run did: most tasks at once, the threads that ran them, inputs seen, time taken. */
    public record Outcome(Strategy strategy, int peakConcurrency, Set<Thread> threads,
                          Set<Integer> processed, Duration elapsed) {
    }

    private PoolVsThreads() {
    }

    /** Runs {@code tasks} tasks that each sleep {@code unit}, with {@code workers} at a time. */
    public static Outcome run(Strategy strategy, int tasks, int workers, Duration unit) throws InterruptedException {
        return run(strategy, tasks, workers, n -> sleep(unit));
    }

    /**
     * Runs {@code tasks} tasks whose body is {@code work(n)}. The body is a parameter so a test
     * can hand in a gate instead of a sleep and make the overlap certain rather than likely.
     */
    public static Outcome run(Strategy strategy, int tasks, int workers, IntConsumer work) throws InterruptedException {
        var meter = new HighWaterMark();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Set<Integer> processed = new ConcurrentSkipListSet<>();
        // The seed's run(n): note who runs it, do the work, remember that n was done.
        var bodies = new ArrayList<Runnable>();
        for (int n = 0; n < tasks; n++) {
            int input = n;
            bodies.add(() -> {
                meter.enter();
                try {
                    threads.add(Thread.currentThread());
                    log.info("run({})", input);
                    work.accept(input);
                    processed.add(input);
                } finally {
                    meter.exit();
                }
            });
        }

        long begin = System.nanoTime();
        switch (strategy) {
            case SEQUENTIAL -> bodies.forEach(Runnable::run);
            case BATCHED_THREADS -> runInBatches(bodies, workers);
            case FIXED_POOL -> runOnPool(bodies, workers);
        }
        var elapsed = Duration.ofNanos(System.nanoTime() - begin);
        log.info("{}: {} tasks, at most {} at once, {} threads, {} ms", strategy, tasks, meter.peak(),
                threads.size(), elapsed.toMillis());
        return new Outcome(strategy, meter.peak(), Set.copyOf(threads), new TreeSet<>(processed), elapsed);
    }

    // tag::idiom[]
    /** The seed's normal(): start a batch of threads, join them all, then the next batch. */
    private static void runInBatches(List<Runnable> bodies, int batchSize) throws InterruptedException {
        var builder = Thread.ofPlatform().name("batch-thread-", 0);
        for (int from = 0; from < bodies.size(); from += batchSize) {
            var batch = new ArrayList<Thread>();
            for (Runnable body : bodies.subList(from, Math.min(from + batchSize, bodies.size()))) {
                batch.add(builder.start(body));
            }
            // A slow task holds up its whole batch: the next batch cannot start early.
            for (Thread t : batch) {
                t.join();
            }
        }
    }

    /** The seed's Pool(4).map: a fixed pool reuses its W threads for every task. */
    private static void runOnPool(List<Runnable> bodies, int workers) throws InterruptedException {
        var factory = new ThreadFactoryBuilder().setNameFormat("worker-%d").build();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, factory)) {
            List<Callable<Object>> calls = bodies.stream().map(Executors::callable).toList();
            // invokeAll waits for every task; get() rethrows a task's failure instead of hiding it.
            for (Future<Object> f : pool.invokeAll(calls)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a task failed", e.getCause());
                }
            }
        }
    }
    // end::idiom[]

    /** Counts tasks running right now and remembers the most ever seen. */
    static final class HighWaterMark {
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        void enter() {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        void exit() {
            running.decrementAndGet();
        }

        int peak() {
            return peak.get();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working", e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var unit = Duration.ofMillis(300);
        log.info("10 tasks of {} ms with 4 workers: expect about 10, 3 and 3 units", unit.toMillis());
        for (Strategy s : Strategy.values()) {
            var outcome = run(s, 10, 4, unit);
            log.info("{} ran on {}", s, new TreeSet<>(outcome.threads().stream().map(Thread::getName).toList()));
        }
        log.info("Notice the pool reuses worker-0..worker-3, while batches start fresh threads each round");
    }
}
