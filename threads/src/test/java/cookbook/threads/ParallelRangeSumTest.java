package cookbook.threads;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ParallelRangeSumTest {
    private static final Logger log = LoggerFactory.getLogger(ParallelRangeSumTest.class);
    private static final long N = 3_000_001L;

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3, 8})
    @DisplayName("THR-05: count and sum are exact whatever the number of threads")
    void exactForAnyThreadCount(int threads) throws InterruptedException {
        var totals = ParallelRangeSum.sum(N, threads);

        assertEquals(N, totals.count());
        assertEquals(N * (N - 1) / 2, totals.sum());
        assertEquals(threads, totals.threads(), "one worker thread per slice, no more");
        assertTrue(totals.elapsed().isPositive() && totals.elapsed().compareTo(Duration.ofMinutes(1)) < 0,
                "elapsed " + totals.elapsed());
    }

    @Test
    @DisplayName("THR-05: an empty range gives zero totals")
    void emptyRange() throws InterruptedException {
        var totals = ParallelRangeSum.sum(0, 3);

        assertEquals(List.of(0L, 0L, 0L), List.of(totals.count(), totals.sum(), totals.mixChecksum()));
    }

    @Test
    @DisplayName("THR-05: 1, 2 and N threads agree on the hash checksum, so every element was processed once")
    void threadCountsAgree() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long single = ParallelRangeSum.sum(N, 1).mixChecksum();

        // The reference: the hash of every element of [0, N), added up in one plain loop.
        assertEquals(LongStream.range(0, N).map(ParallelRangeSum::mix).sum(), single);
        assertEquals(single, ParallelRangeSum.sum(N, 2).mixChecksum());
        assertEquals(single, ParallelRangeSum.sum(N, cores).mixChecksum());
    }

    @Test
    @DisplayName("THR-05: each element's work is SplitMix64's finaliser, matching its published outputs")
    void mixIsSplitMix64() {
        // SplitMix64 from state 0: its first three outputs, as published with the algorithm.
        assertEquals(0xE220A8397B1DCDAFL, ParallelRangeSum.mix(0));
        assertEquals(0x6E789E6AA1B965F4L, ParallelRangeSum.mix(0x9E3779B97F4A7C15L));
        assertEquals(0x06C45D188009454FL, ParallelRangeSum.mix(0x3C6EF372FE94F82AL));
    }

    @Test
    @DisplayName("THR-05: each worker reports the CPU time it used, even when the JVM had CPU time measurement switched off")
    void workersReportTheirCpuTime() throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported(), "this JVM cannot measure a thread's CPU time");
        threads.setThreadCpuTimeEnabled(false);
        try {
            var totals = ParallelRangeSum.sum(N, 2);

            assertTrue(threads.isThreadCpuTimeEnabled(), "the recipe switches the measurement back on");
            Duration cpu = totals.workersCpu().orElseThrow();
            // Three million hashes are real work: a worker that reads a disabled clock (-1)
            // or none at all would report nothing.
            assertTrue(cpu.isPositive(), "workers' CPU time " + cpu);
        } finally {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    @Test
    @DisplayName("THR-05: a thread count below one, or a negative range, is refused with a clear message")
    void refusesZeroThreads() {
        var refused = assertThrows(IllegalArgumentException.class, () -> ParallelRangeSum.sum(10, 0));
        assertEquals("need n >= 0 and threads >= 1, got n=10, threads=0", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParallelRangeSum.sum(-1, 1));
    }

    @Test
    @Tag("multicore")
    @DisplayName("THR-05: no GIL: two threads summing the seed's range use more CPU time together than the wall clock shows")
    void twoThreadsRunOnTwoCoresAtOnce() throws InterruptedException {
        assumeTwoFreeCores();
        assumeTrue(ParallelRangeSum.cpuTimeMeasurable(), "SKIPPED: this JVM cannot measure a thread's CPU time");
        long n = 100_000_000L;
        // Compile the loop first, so the measured run is the two workers, not the JIT.
        ParallelRangeSum.sum(n / 10, 2);

        var totals = ParallelRangeSum.sum(n, 2);

        // The seed's full range, exact, and the sum fits a long.
        assertEquals(n, totals.count());
        assertEquals(4_999_999_950_000_000L, totals.sum());
        // Taking turns on one core, two threads' CPU time can only add up to the wall time;
        // more than that means both were on a core at the same instant.
        Duration cpu = totals.workersCpu().orElseThrow();
        log.info("2 workers used {} ms of CPU in {} ms of wall time", cpu.toMillis(), totals.elapsed().toMillis());
        assertTrue(cpu.compareTo(totals.elapsed()) > 0, "CPU " + cpu.toMillis() + " ms, wall " + totals.elapsed().toMillis() + " ms");
    }

    /** Aborts (SKIPPED, with the reason) unless two cores are there and mostly idle. */
    private static void assumeTwoFreeCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String reason = null;
        if (cores < 2) {
            reason = "needs 2 cores, this machine offers " + cores;
        } else if (load > cores - 1.5) {
            // Less than one and a half cores idle over the last minute: the two workers would
            // share a core with someone else, and the proof would measure the neighbours.
            reason = String.format("needs 2 free cores: load average %.2f on %d cores", load, cores);
        }
        if (reason != null) {
            log.warn("SKIPPED: {}", reason);
        }
        assumeTrue(reason == null, reason);
    }

    @Test
    @DisplayName("THR-05: durations are printed for humans, 16 ms or 1.2 s, never PT0.016S")
    void durationsForHumans() {
        HumanDurations.check(ParallelRangeSum::human);
    }
}
