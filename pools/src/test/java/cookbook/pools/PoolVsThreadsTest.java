package cookbook.pools;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.PoolVsThreads.Strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolVsThreadsTest {
    private static final Duration UNIT = Duration.ofMillis(100);
    private static final Set<Integer> ALL_TEN = IntStream.range(0, 10).boxed().collect(Collectors.toSet());

    @Test
    @DisplayName("POOL-01: a pool of 4 runs exactly 4 tasks at once on 4 reused threads; sequential runs 1")
    void peakConcurrencyEqualsPoolSize() throws InterruptedException {
        var pool = PoolVsThreads.run(Strategy.FIXED_POOL, 10, 4, Rendezvous.of(4));
        assertEquals(4, pool.peakConcurrency());
        assertEquals(Set.of("worker-0", "worker-1", "worker-2", "worker-3"), pool.threadNames());
        assertEquals(ALL_TEN, pool.processed());

        var batched = PoolVsThreads.run(Strategy.BATCHED_THREADS, 10, 4, Rendezvous.of(4));
        assertEquals(4, batched.peakConcurrency());
        // A fresh thread per task: ten names, not four.
        assertEquals(10, batched.threadNames().size());
        assertEquals(ALL_TEN, batched.processed());

        var sequential = PoolVsThreads.run(Strategy.SEQUENTIAL, 10, 4, Rendezvous.of(1));
        assertEquals(1, sequential.peakConcurrency());
        assertEquals(Set.of(Thread.currentThread().getName()), sequential.threadNames());
        assertEquals(ALL_TEN, sequential.processed());
    }

    @Test
    @DisplayName("POOL-01: 10 tasks of d on 4 workers take at least ceil(10/4) x d = 3d, and not far more; sequential takes 10d")
    void timeFollowsCeilNOverW() throws InterruptedException {
        for (Strategy s : Set.of(Strategy.FIXED_POOL, Strategy.BATCHED_THREADS)) {
            var outcome = PoolVsThreads.run(s, 10, 4, UNIT);
            assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(3)) >= 0, s + " took " + outcome.elapsed());
            // Wide slack: a loaded machine may be slow, but not seconds slow for three rounds.
            assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(3).plusSeconds(3)) < 0, s + " took " + outcome.elapsed());
            assertTrue(outcome.peakConcurrency() <= 4, s + " ran more than 4 at once");
        }
        var sequential = PoolVsThreads.run(Strategy.SEQUENTIAL, 10, 4, UNIT);
        assertTrue(sequential.elapsed().compareTo(UNIT.multipliedBy(10)) >= 0, "sequential took " + sequential.elapsed());
    }
}
