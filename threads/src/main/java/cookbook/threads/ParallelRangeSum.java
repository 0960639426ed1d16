package cookbook.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

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
 * Each worker also reports the CPU time it used: on two free cores, two workers together use
 * more CPU time than the wall clock shows, which threads that take turns never can.
 */
public final class ParallelRangeSum {
    private static final Logger log = LoggerFactory.getLogger(ParallelRangeSum.class);

    /**
     * The three totals over [0, n), the number of worker threads started, the wall time, and the
     * CPU time the workers used together (empty where this JVM cannot measure it).
     */
    public record Totals(long count, long sum, long mixChecksum, int threads, Duration elapsed,
                         Optional<Duration> workersCpu) {
    }

    private ParallelRangeSum() {
    }

    // tag::idiom[]
    /** Splits [0, n) into {@code threads} contiguous slices, one platform thread each. */
    public static Totals sum(long n, int threads) throws InterruptedException {
        if (n < 0 || threads < 1) {
            throw new IllegalArgumentException("need n >= 0 and threads >= 1, got n=" + n + ", threads=" + threads);
        }
        boolean measureCpu = cpuTimeMeasurable();
        long[] counts = new long[threads];
        long[] sums = new long[threads];
        long[] mixes = new long[threads];
        long[] cpuNanos = new long[threads];
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
                // All the CPU time this thread used, read by the thread itself before it ends.
                cpuNanos[slot] = measureCpu ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
            }));
        }
        for (Thread t : workers) {
            // join() waits and, as a happens-before edge, makes the thread's writes visible.
            t.join();
        }
        // end::idiom[]
        var elapsed = Duration.ofNanos(System.nanoTime() - begin);
        var cpu = Duration.ofNanos(Arrays.stream(cpuNanos).sum());
        return new Totals(Arrays.stream(counts).sum(), Arrays.stream(sums).sum(), Arrays.stream(mixes).sum(),
                workers.size(), elapsed, measureCpu ? Optional.of(cpu) : Optional.empty());
    }

    /**
     * True when this JVM can tell a thread's CPU time. HotSpot can and has it on by default,
     * but it may be switched off: then every reading is -1, so switch it back on.
     */
    static boolean cpuTimeMeasurable() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return false;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return threads.isThreadCpuTimeEnabled();
    }

    /** A cheap 64-bit hash (the finaliser of SplitMix64): real work the JIT cannot skip. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A duration as a reader wants it: {@code 16 ms}, {@code 1.2 s}. */
    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws InterruptedException {
        long n = 100_000_000L;
        int cores = Runtime.getRuntime().availableProcessors();
        log.info("summing 0..{} (exclusive); this machine has {} cores", n, cores);
        // A warm-up so the first measured run is not also the one that gets compiled.
        sum(n / 10, cores);
        Totals one = sum(n, 1);
        log.info("1 thread:  count={} sum={} in {}", one.count(), one.sum(), human(one.elapsed()));
        for (int threads : IntStream.of(2, cores).distinct().toArray()) {
            Totals t = sum(n, threads);
            log.info("{} threads: count={} sum={} in {}, speed-up x{}; CPU time {} (x{} the wall time)", threads,
                    t.count(), t.sum(), human(t.elapsed()),
                    String.format(Locale.ROOT, "%.1f", (double) one.elapsed().toNanos() / t.elapsed().toNanos()),
                    t.workersCpu().map(ParallelRangeSum::human).orElse("not measurable"),
                    t.workersCpu().map(c -> String.format(Locale.ROOT, "%.1f", (double) c.toNanos() / t.elapsed().toNanos())).orElse("?"));
        }
        log.info("expected:  count={} sum={} (a long holds up to {})", n, n * (n - 1) / 2, Long.MAX_VALUE);
    }
}
