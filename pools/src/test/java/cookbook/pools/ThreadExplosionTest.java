package cookbook.pools;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.ThreadExplosion.Kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadExplosionTest {

    @Test
    @DisplayName("POOL-07: 30,000 tasks on virtual threads are all running at once, each on its own thread")
    void virtualThreadsRunAllAtOnce() {
        // Every task waits until all 30,000 are inside: only an executor without a cap gets there.
        var allStarted = Rendezvous.of(30_000, Duration.ofSeconds(20));

        var outcome = ThreadExplosion.run(Kind.VIRTUAL_THREAD_PER_TASK, 30_000, 0, allStarted);

        assertEquals(30_000, allStarted.passed());
        assertEquals(30_000, allStarted.threads().size());
        assertTrue(allStarted.threads().stream().allMatch(Thread::isVirtual));
        assertEquals(30_000, outcome.peakConcurrency());
    }

    @Test
    @DisplayName("POOL-07: 30,000 tasks pausing for d on virtual threads finish in about one d, not 30,000 d")
    void virtualThreadsTakeAboutOneUnit() {
        var unit = Duration.ofMillis(500);

        var outcome = ThreadExplosion.run(Kind.VIRTUAL_THREAD_PER_TASK, 30_000, 0, unit);

        assertTrue(outcome.elapsed().compareTo(unit) >= 0, "took " + outcome.elapsed().toMillis() + " ms");
        // Wide slack: starting 30,000 threads on a loaded 2-core machine costs something,
        // but far less than even a second round of d would on a pool.
        assertTrue(outcome.elapsed().compareTo(unit.plusSeconds(10)) < 0, "took " + outcome.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("POOL-07: a fixed pool of 20 runs 200 tasks exactly 20 at a time, on the same 20 threads")
    void fixedPoolRunsExactlyPoolSizeAtOnce() {
        // Twenty tasks must be inside together (a pool of fewer threads never gets there) ...
        var gate = Rendezvous.of(20);

        var outcome = ThreadExplosion.run(Kind.FIXED_POOL, 200, 20, gate);

        assertEquals(200, gate.passed());
        assertEquals(20, outcome.peakConcurrency());
        // ... and a pool of more threads would have started more: a fixed pool of W starts
        // exactly W threads once W tasks are submitted, and reuses them for the rest.
        assertEquals(20, gate.threads().size());
    }

    @Test
    @DisplayName("POOL-07: a fixed pool of 20 queues 200 tasks of d: at least ceil(200/20) x d = 10d, and not far more")
    void fixedPoolQueues() {
        // 10 rounds of 50 ms: far above what 200 empty tasks cost even on a crowded machine.
        var unit = Duration.ofMillis(50);

        var outcome = ThreadExplosion.run(Kind.FIXED_POOL, 200, 20, unit);

        assertTrue(outcome.peakConcurrency() <= 20, "peak " + outcome.peakConcurrency());
        assertTrue(outcome.elapsed().compareTo(unit.multipliedBy(10)) >= 0, "took " + outcome.elapsed().toMillis() + " ms");
        assertTrue(outcome.elapsed().compareTo(unit.multipliedBy(10).plusSeconds(3)) < 0, "took " + outcome.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("POOL-07: a platform thread per task also runs them all at once, one OS thread each (kept to 200 threads here)")
    void platformThreadPerTaskRunsAllAtOnce() {
        var allStarted = Rendezvous.of(200);

        var outcome = ThreadExplosion.run(Kind.PLATFORM_THREAD_PER_TASK, 200, 0, allStarted);

        assertEquals(200, allStarted.passed());
        assertEquals(200, allStarted.threads().size());
        assertTrue(allStarted.threads().stream().noneMatch(Thread::isVirtual));
        assertEquals(200, outcome.peakConcurrency());
    }
}
