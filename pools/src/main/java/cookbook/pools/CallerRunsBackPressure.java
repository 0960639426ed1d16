package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    /** Which thread ran task i, and which tasks' execute() call did not return until it ran. */
    public record Outcome(String submitter, List<String> ranOn, List<Integer> ranInsideExecute) {
    }

    private CallerRunsBackPressure() {
    }

    /** One worker and a queue of one: exactly room for two tasks before the caller steps in. */
    static ThreadPoolExecutor boundedPool(int threads, int queueCapacity) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                new ThreadFactoryBuilder().setNameFormat("bounded-%d").build(),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Submits {@code tasks} tasks to a pool of {@code threads} with a queue of
     * {@code queueCapacity}. The first task holds its worker at a gate until all are
     * submitted, so the pool is certainly full when the overflow arrives.
     */
    public static Outcome submitUntilFull(int tasks, int threads, int queueCapacity, Duration work)
            throws InterruptedException {
        String submitter = Thread.currentThread().getName();
        var ranOn = Collections.synchronizedList(new ArrayList<String>(Collections.nCopies(tasks, "")));
        var ranInsideExecute = new ArrayList<Integer>();
        var gate = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = boundedPool(threads, queueCapacity)) {
            for (int i = 0; i < tasks; i++) {
                int index = i;
                var done = new CountDownLatch(1);
                pool.execute(() -> {
                    ranOn.set(index, Thread.currentThread().getName());
                    log.info("task {} runs", index);
                    try {
                        // Every worker task waits for the gate; the caller's own tasks do not.
                        if (!Thread.currentThread().getName().equals(submitter)) {
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
            gate.countDown();
        }
        return new Outcome(submitter, List.copyOf(ranOn), List.copyOf(ranInsideExecute));
    }

    public static void main(String[] args) throws InterruptedException {
        var outcome = submitUntilFull(6, 2, 2, Duration.ofMillis(300));
        for (int i = 0; i < outcome.ranOn().size(); i++) {
            log.info("task {} ran on {}", i, outcome.ranOn().get(i));
        }
        log.info("tasks {} overflowed and ran on the submitter, {}, inside execute()", outcome.ranInsideExecute(),
                outcome.submitter());
    }
}
