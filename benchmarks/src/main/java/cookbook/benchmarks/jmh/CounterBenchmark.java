package cookbook.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LCK-01's four correct counters, incremented by every benchmark thread at once. The suite runs
 * this class at 1, 2 and 8 threads ({@code -t}): with one thread there is no contention and the
 * four cost about the same; from two threads on, {@code AtomicLong}'s single cell bounces between
 * cores and every failed CAS retries, while {@code LongAdder} spreads the increments over cells.
 * One shared {@code Scope.Benchmark} state, so all threads hit the same counter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CounterBenchmark {
    private final LongAdder adder = new LongAdder();
    private final AtomicLong atomic = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private long lockedValue;
    private long synchronizedValue;

    @Benchmark
    public void longAdder() {
        adder.increment();
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public long synchronizedBlock() {
        synchronized (this) {
            return ++synchronizedValue;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++lockedValue;
        } finally {
            lock.unlock();
        }
    }
}
