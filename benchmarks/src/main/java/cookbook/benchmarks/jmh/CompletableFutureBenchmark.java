package cookbook.benchmarks.jmh;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The async chapter's three-step chain (fetch, parse, store) as direct calls, as a synchronous
 * {@code CompletableFuture} chain ({@code thenApply} on the caller's thread), and as an async
 * chain hopping onto a one-thread pool and joined: the price of the future objects alone, then
 * of the hand-offs between threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompletableFutureBenchmark {
    @Param({"17"})
    public int input;

    private ExecutorService pool;

    @Setup
    public void startPool() {
        pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cf-bench").factory());
    }

    @TearDown
    public void stopPool() {
        pool.close();
    }

    @Benchmark
    public int directCalls() {
        return store(parse(fetch(input)));
    }

    @Benchmark
    public int completedChain() {
        return CompletableFuture.completedFuture(input)
                .thenApply(CompletableFutureBenchmark::fetch)
                .thenApply(CompletableFutureBenchmark::parse)
                .thenApply(CompletableFutureBenchmark::store)
                .join();
    }

    @Benchmark
    public int asyncChainOnPool() {
        return CompletableFuture.supplyAsync(() -> fetch(input), pool)
                .thenApplyAsync(CompletableFutureBenchmark::parse, pool)
                .thenApplyAsync(CompletableFutureBenchmark::store, pool)
                .join();
    }

    static int fetch(int n) {
        return n * 31 + 7;
    }

    static int parse(int n) {
        return Integer.rotateLeft(n, 5) ^ n;
    }

    static int store(int n) {
        return n & 0x7fff_ffff;
    }
}
