package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.ThreadExplosion.Kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadExplosionTest {

    /** Each task waits until all {@code parties} have started; counts those that saw it happen. */
    private record AllStarted(CountDownLatch started, AtomicInteger sawAll) implements Runnable {
        AllStarted(int parties) {
            this(new CountDownLatch(parties), new AtomicInteger());
        }

        @Override
        public void run() {
            started.countDown();
            try {
                if (started.await(20, TimeUnit.SECONDS)) {
                    sawAll.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @DisplayName("POOL-07: 30,000 tasks on virtual threads are all running at once: each waits until all have started")
    void virtualThreadsRunAllAtOnce() {
        var allStarted = new AllStarted(30_000);

        var outcome = ThreadExplosion.run(Kind.VIRTUAL_THREAD_PER_TASK, 30_000, 0, allStarted);

        assertEquals(30_000, allStarted.sawAll().get());
        assertEquals(30_000, outcome.peakConcurrency());
    }

    @Test
    @DisplayName("POOL-07: 30,000 tasks pausing for d on virtual threads finish in about one d, not 30,000 d")
    void virtualThreadsTakeAboutOneUnit() {
        var unit = Duration.ofMillis(500);

        var outcome = ThreadExplosion.run(Kind.VIRTUAL_THREAD_PER_TASK, 30_000, 0, unit);

        assertTrue(outcome.elapsed().compareTo(unit) >= 0, "took " + outcome.elapsed());
        // Wide slack: starting 30,000 threads on a loaded 2-core machine costs something,
        // but far less than even a second round of d would on a pool.
        assertTrue(outcome.elapsed().compareTo(unit.plusSeconds(10)) < 0, "took " + outcome.elapsed());
    }

    @Test
    @DisplayName("POOL-07: a fixed pool of 20 queues 200 tasks of d: at most 20 at once, at least 10d")
    void fixedPoolQueues() {
        var unit = Duration.ofMillis(20);

        var outcome = ThreadExplosion.run(Kind.FIXED_POOL, 200, 20, unit);

        assertTrue(outcome.peakConcurrency() <= 20, "peak " + outcome.peakConcurrency());
        assertTrue(outcome.elapsed().compareTo(unit.multipliedBy(10)) >= 0, "took " + outcome.elapsed());
    }

    @Test
    @DisplayName("POOL-07: a platform thread per task also runs them all at once (kept to 200 threads here)")
    void platformThreadPerTaskRunsAllAtOnce() {
        var allStarted = new AllStarted(200);

        var outcome = ThreadExplosion.run(Kind.PLATFORM_THREAD_PER_TASK, 200, 0, allStarted);

        assertEquals(200, allStarted.sawAll().get());
        assertEquals(200, outcome.peakConcurrency());
    }
}
