package cookbook.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * THR-08's two ways to hand a value to code deep in a call: {@code ThreadLocal} and
 * {@code ScopedValue} (final in Java 25, JEP 506). The {@code ...Get} pair reads an already bound
 * value {@value #READS} times (a {@code ScopedValue} can only be bound around a call, so one
 * binding per {@value #READS} reads is part of its cost); the {@code ...Bind} pair measures one
 * set-get-remove against one where-call-get, the cost a request handler pays per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContextBenchmark {
    static final int READS = 1_000;
    private static final ThreadLocal<String> USER = new ThreadLocal<>();
    private static final ScopedValue<String> SCOPED_USER = ScopedValue.newInstance();

    /** Runs on the benchmark thread itself (thread-scoped state), so its ThreadLocal is bound. */
    @Setup
    public void bindThreadLocal() {
        USER.set("alice");
    }

    @TearDown
    public void unbindThreadLocal() {
        USER.remove();
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long threadLocalGet() {
        return readThreadLocal();
    }

    @Benchmark
    @OperationsPerInvocation(READS)
    public long scopedValueGet() {
        return ScopedValue.where(SCOPED_USER, "alice").call(ContextBenchmark::readScopedValue);
    }

    @Benchmark
    public String threadLocalBind() {
        USER.set("bob");
        try {
            return USER.get();
        } finally {
            USER.set("alice");
        }
    }

    @Benchmark
    public String scopedValueBind() {
        return ScopedValue.where(SCOPED_USER, "bob").call(SCOPED_USER::get);
    }

    private static long readThreadLocal() {
        long total = 0;
        for (int i = 0; i < READS; i++) {
            total += USER.get().length();
        }
        return total;
    }

    private static long readScopedValue() {
        long total = 0;
        for (int i = 0; i < READS; i++) {
            total += SCOPED_USER.get().length();
        }
        return total;
    }
}
