package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-05. Python original: to beat the GIL, the range 0..100,000,000 is split over two
 * processes whose partial results come back through a multiprocessing.Queue.
 *
 * <p>Java has no GIL: plain threads in one JVM run on every core at once, so the CPU-bound
 * job is split over threads, not processes. Each thread owns one slice of the range and one
 * slot of the result arrays, so nothing is shared while they work; {@code join()} then
 * publishes every slot to the caller. The seed's loop counted ({@code res += 1}) where it
 * meant to sum; this recipe returns the count, the sum, and a checksum of a per-element hash
 * mix, which also gives each element enough real work that the JIT cannot fold the loop away.
 */
public final class ParallelRangeSum {
    private static final Logger log = LoggerFactory.getLogger(ParallelRangeSum.class);

    /** The three totals over [0, n), the number of threads that computed them, and the time. */
    public record Totals(long count, long sum, long mixChecksum, int threads, Duration elapsed) {
    }

    private ParallelRangeSum() {
    }

    /** Splits [0, n) into {@code threads} contiguous slices, one platform thread each. */
    public static Totals sum(long n, int threads) throws InterruptedException {
        if (n < 0 || threads < 1) {
            throw new IllegalArgumentException("need n >= 0 and threads >= 1, got n=" + n + ", threads=" + threads);
        }
        long[] counts = new long[threads];
        long[] sums = new long[threads];
        long[] mixes = new long[threads];
        List<Thread> workers = new ArrayList<>(threads);
        long begin = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int slot = w;
            // Slice boundaries by multiplication, so the slices cover [0, n) exactly even when
            // n is not a multiple of the thread count.
            long from = n * w / threads;
            long to = n * (w + 1) / threads;
            workers.add(Thread.ofPlatform().name("summer-", w).start(() -> {
                long count = 0;
                long sum = 0;
                long mix = 0;
                for (long i = from; i < to; i++) {
                    count++;
                    sum += i;
                    mix += mix(i);
                }
                // Each thread writes only its own slots: no lock, no race.
                counts[slot] = count;
                sums[slot] = sum;
                mixes[slot] = mix;
            }));
        }
        for (Thread t : workers) {
            // join() waits and, as a happens-before edge, makes the thread's writes visible.
            t.join();
        }
        long count = 0;
        long sum = 0;
        long mix = 0;
        for (int w = 0; w < threads; w++) {
            count += counts[w];
            sum += sums[w];
            mix += mixes[w];
        }
        return new Totals(count, sum, mix, threads, Duration.ofNanos(System.nanoTime() - begin));
    }

    /** A cheap 64-bit hash (the finaliser of SplitMix64): real work the JIT cannot skip. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static void main(String[] args) throws InterruptedException {
        long n = 100_000_000L;
        int cores = Runtime.getRuntime().availableProcessors();
        log.info("summing 0..{} (exclusive); this machine has {} cores", n, cores);
        // A warm-up so the first measured run is not also the one that gets compiled.
        sum(n / 10, cores);
        Totals one = sum(n, 1);
        log.info("1 thread:  count={} sum={} in {} ms", one.count(), one.sum(), one.elapsed().toMillis());
        for (int threads : java.util.stream.IntStream.of(2, cores).distinct().toArray()) {
            Totals t = sum(n, threads);
            log.info("{} threads: count={} sum={} in {} ms, speed-up x{}", threads, t.count(), t.sum(),
                    t.elapsed().toMillis(), String.format("%.1f", (double) one.elapsed().toNanos() / t.elapsed().toNanos()));
        }
        log.info("expected:  count={} sum={}", n, n * (n - 1) / 2);
    }
}
