package cookbook.pools;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForkJoinSumTest {

    @Test
    @DisplayName("POOL-10: RecursiveTask on a ForkJoinPool and a parallel stream give the exact sum")
    void forkJoinAndParallelStreamAreExact() {
        int n = 2_000_003;
        long[] values = new long[n];
        Arrays.setAll(values, i -> i);
        long expected = (long) n * (n - 1) / 2;

        // A pool of our own, closed by try-with-resources; the parallel stream uses the common pool.
        try (var pool = new ForkJoinPool(2)) {
            var sums = ForkJoinSum.sum(values, pool);

            assertEquals(expected, sums.sequential());
            assertEquals(expected, sums.forkJoin());
            assertEquals(expected, sums.parallelStream());
        }
    }

    @Test
    @DisplayName("POOL-10: an array shorter than the threshold is summed directly, an empty one sums to 0")
    void smallAndEmptyArrays() {
        try (var pool = new ForkJoinPool(2)) {
            assertEquals(6, ForkJoinSum.sum(new long[] {1, 2, 3}, pool).forkJoin());
            assertEquals(0, ForkJoinSum.sum(new long[0], pool).forkJoin());
        }
    }
}
