package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-07. Python original: one {@code Thread} per URL for 30,000 URLs, flagged as the code
 * not to write ("more threads is not better"), while another note says threads are cheap
 * and need no pool.
 *
 * <p>Java settles the argument by kind of thread. A platform thread is an OS thread with its
 * own stack: tens of thousands of them are heavy and can fail with "unable to create native
 * thread", so platform threads are pooled and a fixed pool queues what it cannot run. A
 * virtual thread is a small heap object parked while it sleeps or waits on IO: one per task
 * is the idiom, and 30,000 sleeping tasks all sleep at once.
 */
public final class ThreadExplosion {
    private static final Logger log = LoggerFactory.getLogger(ThreadExplosion.class);

    /** Where each task runs. */
    public enum Kind { PLATFORM_THREAD_PER_TASK, FIXED_POOL, VIRTUAL_THREAD_PER_TASK }

    /** Tasks run, the most that were running at once, and the time to run them all. */
    public record Outcome(Kind kind, int tasks, int peakConcurrency, Duration elapsed) {
    }

    private ThreadExplosion() {
    }

    /** Runs {@code tasks} tasks that each sleep {@code unit}; the pool has {@code poolSize} threads. */
    public static Outcome run(Kind kind, int tasks, int poolSize, Duration unit) {
        return run(kind, tasks, poolSize, () -> {
            try {
                Thread.sleep(unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs {@code tasks} copies of {@code work}, counting how many run at the same time. */
    public static Outcome run(Kind kind, int tasks, int poolSize, Runnable work) {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        long begin = System.nanoTime();
        // tag::idiom[]
        // The same ExecutorService API for all three: only the thread behind each task differs.
        try (ExecutorService executor = switch (kind) {
            case PLATFORM_THREAD_PER_TASK -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("platform-", 0).factory());
            case FIXED_POOL -> Executors.newFixedThreadPool(poolSize, new ThreadFactoryBuilder().setNameFormat("pooled-%d").build());
            case VIRTUAL_THREAD_PER_TASK -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("virtual-", 0).factory());
        }) {
            for (int i = 0; i < tasks; i++) {
                executor.execute(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        work.run();
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
        }
        // end::idiom[]
        var outcome = new Outcome(kind, tasks, peak.get(), Duration.ofNanos(System.nanoTime() - begin));
        log.info("{}: {} tasks, at most {} at once, {} ms", kind, tasks, outcome.peakConcurrency(),
                outcome.elapsed().toMillis());
        return outcome;
    }

    public static void main(String[] args) {
        var unit = Duration.ofMillis(300);
        log.info("30,000 tasks of {} ms on virtual threads: about one unit", unit.toMillis());
        run(Kind.VIRTUAL_THREAD_PER_TASK, 30_000, 0, unit);
        log.info("1,000 tasks on a pool of 100 platform threads: queued, about 10 units");
        run(Kind.FIXED_POOL, 1_000, 100, unit);
        // Kept at 2,000: 30,000 OS threads may exceed this machine's limits, which is the point.
        log.info("2,000 tasks with a platform thread each: works, but every one is an OS thread with a stack");
        run(Kind.PLATFORM_THREAD_PER_TASK, 2_000, 0, unit);
    }
}
