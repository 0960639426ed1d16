package cookbook.pools;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-10. Python original: the notes send "fork-type computation" such as divide and
 * conquer to processes, because the GIL keeps Python threads off the second core.
 *
 * <p>Java has no GIL, so threads are the tool for CPU-bound work. A {@link RecursiveTask}
 * splits the array in halves until a piece is small, sums small pieces directly, and joins
 * the halves; {@link ForkJoinPool} runs the pieces on all cores, each idle worker stealing
 * work from a busy one. A parallel stream does the same splitting for you on the common pool.
 */
public final class ForkJoinSum {
    private static final Logger log = LoggerFactory.getLogger(ForkJoinSum.class);

    /** Below this many elements a piece is summed in a plain loop: forking costs more. */
    static final int THRESHOLD = 10_000;

    /** The three sums, and how long each took. */
    public record Sums(long sequential, long forkJoin, long parallelStream,
                       Duration sequentialTime, Duration forkJoinTime, Duration parallelStreamTime) {
    }

    private ForkJoinSum() {
    }

    // tag::idiom[]
    /** Sums {@code values[from, to)}: split in two, fork the left half, compute the right, join. */
    static final class SumTask extends RecursiveTask<Long> {
        private final long[] values;
        private final int from;
        private final int to;

        SumTask(long[] values, int from, int to) {
            this.values = values;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= THRESHOLD) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += values[i];
                }
                return sum;
            }
            int middle = (from + to) >>> 1;
            var left = new SumTask(values, from, middle);
            // fork() queues the left half for any idle worker to steal; this thread goes right.
            left.fork();
            long right = new SumTask(values, middle, to).compute();
            return right + left.join();
        }
    }
    // end::idiom[]

    /** Sums {@code values} three ways on {@code pool} (and the common pool for the stream). */
    public static Sums sum(long[] values, ForkJoinPool pool) {
        var sequential = timed(() -> Arrays.stream(values).sum());
        var forkJoin = timed(() -> pool.invoke(new SumTask(values, 0, values.length)));
        var parallel = timed(() -> Arrays.stream(values).parallel().sum());
        return new Sums(sequential.value(), forkJoin.value(), parallel.value(),
                sequential.took(), forkJoin.took(), parallel.took());
    }

    private record Timed(long value, Duration took) {
    }

    private static Timed timed(LongSupplier work) {
        long begin = System.nanoTime();
        long value = work.getAsLong();
        return new Timed(value, Duration.ofNanos(System.nanoTime() - begin));
    }

    public static void main(String[] args) {
        long[] values = new long[20_000_000];
        Arrays.setAll(values, i -> i);
        log.info("{} cores; summing 0..{}", Runtime.getRuntime().availableProcessors(), values.length - 1);
        // Several rounds, so the later ones show the JIT-compiled speed, not the warm-up.
        for (int round = 1; round <= 5; round++) {
            Sums s = sum(values, ForkJoinPool.commonPool());
            log.info("round {}: sequential {} ms, fork/join {} ms, parallel stream {} ms; all equal: {}", round,
                    s.sequentialTime().toMillis(), s.forkJoinTime().toMillis(), s.parallelStreamTime().toMillis(),
                    s.sequential() == s.forkJoin() && s.forkJoin() == s.parallelStream());
        }
    }
}
