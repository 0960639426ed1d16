package cookbook.benchmarks.jmh;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The producer-consumer chapter's bounded queue, measured as the Disruptor paper measured
 * {@code ArrayBlockingQueue}: one producer and one consumer ({@code oneToOne}) and three producers
 * and one consumer ({@code threeToOne}), each a JMH {@code @Group} sharing one queue. The consumer's
 * {@code take} rate is the hand-off rate. Producers and consumer wait with a short timeout instead
 * of forever, so that at the end of an iteration ({@link Control#stopMeasurement}) nobody is left
 * parked on a queue the other side has stopped serving.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueHandOffBenchmark {
    private static final Long ITEM = 42L;

    @Param({"ArrayBlockingQueue", "LinkedBlockingQueue"})
    public String queueType;

    @Param({"1024"})
    public int capacity;

    private BlockingQueue<Long> queue;

    @Setup
    public void createQueue() {
        queue = switch (queueType) {
            case "ArrayBlockingQueue" -> new ArrayBlockingQueue<>(capacity);
            case "LinkedBlockingQueue" -> new LinkedBlockingQueue<>(capacity);
            default -> throw new IllegalArgumentException("unknown queue type " + queueType);
        };
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public void put1(Control control) throws InterruptedException {
        put(control);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public Long take1(Control control) throws InterruptedException {
        return take(control);
    }

    @Benchmark
    @Group("threeToOne")
    @GroupThreads(3)
    public void put3(Control control) throws InterruptedException {
        put(control);
    }

    @Benchmark
    @Group("threeToOne")
    @GroupThreads(1)
    public Long take3(Control control) throws InterruptedException {
        return take(control);
    }

    private void put(Control control) throws InterruptedException {
        while (!queue.offer(ITEM, 1, TimeUnit.MILLISECONDS)) {
            if (control.stopMeasurement) {
                return;
            }
        }
    }

    private Long take(Control control) throws InterruptedException {
        Long item;
        while ((item = queue.poll(1, TimeUnit.MILLISECONDS)) == null) {
            if (control.stopMeasurement) {
                return null;
            }
        }
        return item;
    }
}
