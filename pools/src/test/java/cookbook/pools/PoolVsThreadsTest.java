package cookbook.pools;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.PoolVsThreads.Outcome;
import cookbook.pools.PoolVsThreads.Strategy;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.ThreadStateProbe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolVsThreadsTest {
    private static final Duration UNIT = Duration.ofMillis(100);

    private static Set<Integer> inputs(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toSet());
    }

    private static IntConsumer each(Runnable work) {
        return n -> work.run();
    }

    @Test
    @DisplayName("POOL-01: a pool of 4 runs exactly 4 tasks at once on 4 reused threads; sequential runs 1")
    void peakConcurrencyEqualsPoolSize() throws InterruptedException {
        assertPoolRunsExactly(4, 10);

        var batched = PoolVsThreads.run(Strategy.BATCHED_THREADS, 10, 4, each(Rendezvous.of(4)));
        assertEquals(4, batched.peakConcurrency());
        // A fresh thread per task: ten threads, not four.
        assertEquals(10, batched.threads().size());
        assertEquals(inputs(10), batched.processed());

        var sequential = PoolVsThreads.run(Strategy.SEQUENTIAL, 10, 4, each(Rendezvous.of(1)));
        assertEquals(1, sequential.peakConcurrency());
        assertEquals(Set.of(Thread.currentThread()), sequential.threads());
        assertEquals(inputs(10), sequential.processed());
    }

    @Test
    @DisplayName("POOL-01: a pool of 10 runs 100 tasks ten at a time on the same 10 threads")
    void poolOfTenRunsHundredTasksTenAtATime() throws InterruptedException {
        assertPoolRunsExactly(10, 100);
    }

    /**
     * The first W tasks wait for each other, so a pool of fewer threads never gets through;
     * the threads, recorded by the test's own work by identity, are exactly W, where a pool
     * of more would have started more.
     */
    private static void assertPoolRunsExactly(int workers, int tasks) throws InterruptedException {
        var gate = Rendezvous.of(workers);

        var outcome = PoolVsThreads.run(Strategy.FIXED_POOL, tasks, workers, each(gate));

        assertEquals(workers, outcome.peakConcurrency());
        assertEquals(workers, gate.threads().size());
        assertEquals(gate.threads(), outcome.threads());
        assertEquals(tasks, gate.passed());
        assertEquals(inputs(tasks), outcome.processed());
    }

    @Test
    @DisplayName("POOL-01: N tasks of d on W workers take at least ceil(N/W) x d, and not far more: 10 on 4 take 3d, 100 on 10 take 10d; sequential takes 10d")
    void timeFollowsCeilNOverW() throws InterruptedException {
        for (Strategy s : List.of(Strategy.FIXED_POOL, Strategy.BATCHED_THREADS)) {
            assertRounds(PoolVsThreads.run(s, 10, 4, UNIT), 4, 3, UNIT);
        }
        var small = Duration.ofMillis(30);
        assertRounds(PoolVsThreads.run(Strategy.FIXED_POOL, 100, 10, small), 10, 10, small);
        var sequential = PoolVsThreads.run(Strategy.SEQUENTIAL, 10, 4, UNIT);
        assertTrue(sequential.elapsed().compareTo(UNIT.multipliedBy(10)) >= 0, "sequential took " + ms(sequential.elapsed()));
    }

    private static void assertRounds(Outcome outcome, int workers, int rounds, Duration unit) {
        String took = outcome.strategy() + " took " + ms(outcome.elapsed());
        // Never more than W at once, so some worker ran ceil(N/W) tasks one after another.
        assertTrue(outcome.peakConcurrency() <= workers, outcome.strategy() + " ran " + outcome.peakConcurrency() + " at once");
        assertTrue(outcome.elapsed().compareTo(unit.multipliedBy(rounds)) >= 0, took);
        // Wide slack: a loaded machine may be slow, but not seconds slow for a few rounds.
        assertTrue(outcome.elapsed().compareTo(unit.multipliedBy(rounds).plusSeconds(3)) < 0, took);
    }

    @Test
    @DisplayName("POOL-01: a batch waits for its slowest task before the next batch starts; the pool runs the other tasks meanwhile")
    void batchWaitsForItsSlowestTaskPoolDoesNot() throws InterruptedException {
        for (Strategy s : List.of(Strategy.BATCHED_THREADS, Strategy.FIXED_POOL)) {
            var slow = new CountDownLatch(1);
            var othersDone = new CountDownLatch(9);
            Set<Integer> ranWhileSlowHeld = ConcurrentHashMap.newKeySet();
            // Task 0 is the slow one: it stays until the test lets it go.
            IntConsumer work = n -> {
                if (n == 0) {
                    Latches.awaitOpen(slow);
                } else {
                    ranWhileSlowHeld.add(n);
                    othersDone.countDown();
                }
            };
            var outcome = new AtomicReference<Outcome>();
            try (var runner = BlockingThread.start("runner", () -> outcome.set(PoolVsThreads.run(s, 10, 4, work)))) {
                if (s == Strategy.FIXED_POOL) {
                    // Three free workers take every other task while task 0 holds the fourth.
                    assertTrue(othersDone.await(10, TimeUnit.SECONDS), "only " + ranWhileSlowHeld + " ran");
                } else {
                    // Tasks 1..3 are done and the caller is stuck joining task 0: it alone starts threads.
                    await().until(() -> ranWhileSlowHeld.size() == 3
                            && runner.thread().getState() == Thread.State.WAITING
                            && ThreadStateProbe.stackOf(runner.thread()).contains("Thread.join"));
                    assertEquals(Set.of(1, 2, 3), ranWhileSlowHeld);
                }
                assertFalse(runner.hasEnded());
                slow.countDown();
                assertNull(runner.awaitEnd());
            } finally {
                slow.countDown();
            }
            assertEquals(inputs(10), outcome.get().processed());
        }
    }

    

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
