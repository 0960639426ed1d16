package cookbook.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelRangeSumTest {
    private static final long N = 3_000_001L;

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2, 3, 8})
    @DisplayName("THR-05: count and sum are exact whatever the number of threads")
    void exactForAnyThreadCount(int threads) throws InterruptedException {
        var totals = ParallelRangeSum.sum(N, threads);

        assertEquals(N, totals.count());
        assertEquals(N * (N - 1) / 2, totals.sum());
        assertEquals(threads, totals.threads());
    }

    @Test
    @DisplayName("THR-05: 1, 2 and N threads agree on the hash checksum, so every element was processed once")
    void threadCountsAgree() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long single = ParallelRangeSum.sum(N, 1).mixChecksum();

        assertEquals(single, ParallelRangeSum.sum(N, 2).mixChecksum());
        assertEquals(single, ParallelRangeSum.sum(N, cores).mixChecksum());
    }

    @Test
    @DisplayName("THR-05: the seed's full range gives count 100,000,000 and sum 4,999,999,950,000,000, which fits a long")
    void seedNumbersFitALong() {
        long n = 100_000_000L;
        // The formula the recipe's totals are checked against, at the seed's size, without
        // looping a hundred million times in a test.
        assertEquals(4_999_999_950_000_000L, Math.multiplyExact(n, n - 1) / 2);
    }

    @Test
    @DisplayName("THR-05: a thread count below one is refused with a clear message")
    void refusesZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> ParallelRangeSum.sum(10, 0));
    }
}
