package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-11. Python original: none; the notes' pools queue without limit, so a fast producer
 * can pile up any number of waiting tasks (this recipe goes beyond the notes).
 *
 * <p>A {@link ThreadPoolExecutor} built by hand can bound both its threads and its queue.
 * When both are full it must reject the next task; {@link ThreadPoolExecutor.CallerRunsPolicy}
 * rejects by running the task on the submitting thread. That is back-pressure: while the
 * submitter is busy running the overflow task it cannot submit more, so the queue drains.
 * Threads get their names from Guava's {@link ThreadFactoryBuilder}.
 */
public final class CallerRunsBackPressure {
    private static final Logger log = LoggerFactory.getLogger(CallerRunsBackPressure.class);

    /** Which thread ran task i (by identity), and which tasks' execute() call did not return until it ran. */
    public record Outcome(Thread submitter, List<Thread> ranOn, List<Integer> ranInsideExecute) {
    }

    private CallerRunsBackPressure() {
    }

    // tag::idiom[]
    /** A fixed number of threads, a queue of fixed capacity, and the caller runs what does not fit. */
    static ThreadPoolExecutor boundedPool(int threads, int queueCapacity) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                new ThreadFactoryBuilder().setNameFormat("bounded-%d").build(),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }
    // end::idiom[]

    /**
     * Submits {@code tasks} tasks to a pool of {@code threads} with a queue of
     * {@code queueCapacity}. Every task on a worker waits at a gate until all are submitted,
     * so the pool is certainly full when the overflow arrives.
     */
    public static Outcome submitUntilFull(int tasks, int threads, int queueCapacity, Duration work)
            throws InterruptedException {
        Thread submitter = Thread.currentThread();
        var ranOn = new AtomicReferenceArray<Thread>(tasks);
        var ranInsideExecute = new ArrayList<Integer>();
        var gate = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = boundedPool(threads, queueCapacity)) {
            try {
                for (int i = 0; i < tasks; i++) {
                    int index = i;
                    var done = new CountDownLatch(1);
                    pool.execute(() -> {
                        ranOn.set(index, Thread.currentThread());
                        log.info("task {} runs", index);
                        try {
                            // Every worker task waits for the gate; the caller's own tasks do not.
                            if (Thread.currentThread() != submitter) {
                                gate.await();
                            }
                            Thread.sleep(work);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        done.countDown();
                    });
                    // If the task is already done when execute() returns, it ran inside execute().
                    if (done.getCount() == 0) {
                        ranInsideExecute.add(index);
                    }
                }
                log.info("all {} submitted; queue holds {}", tasks, pool.getQueue().size());
            } finally {
                // Open the gate on every path, or close() would wait for the held workers forever.
                gate.countDown();
            }
        }
        var threadsUsed = new ArrayList<Thread>();
        for (int i = 0; i < tasks; i++) {
            threadsUsed.add(ranOn.get(i));
        }
        return new Outcome(submitter, List.copyOf(threadsUsed), List.copyOf(ranInsideExecute));
    }

    public static void main(String[] args) throws InterruptedException {
        var outcome = submitUntilFull(6, 2, 2, Duration.ofMillis(300));
        for (int i = 0; i < outcome.ranOn().size(); i++) {
            log.info("task {} ran on {}", i, outcome.ranOn().get(i).getName());
        }
        log.info("tasks {} overflowed and ran on the submitter, {}, inside execute()", outcome.ranInsideExecute(),
                outcome.submitter().getName());
    }
}
