package cookbook.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one thread costs, start to join, with a trivial body: a platform thread (an operating-system
 * thread with its own stack, THR-01) against a virtual thread (a heap object mounted on a carrier,
 * POOL-07). This is the cost LCK-02 pays 20,000 times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadStartBenchmark {
    private final Thread.Builder platform = Thread.ofPlatform().name("platform-bench");
    private final Thread.Builder virtual = Thread.ofVirtual().name("virtual-bench");
    private long counter;

    @Benchmark
    public void platformStartJoin(Blackhole bh) throws InterruptedException {
        platform.start(() -> bh.consume(counter)).join();
    }

    @Benchmark
    public void virtualStartJoin(Blackhole bh) throws InterruptedException {
        virtual.start(() -> bh.consume(counter)).join();
    }
}
