package cookbook.pools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-02. Python original: {@code pool.map(worker, [1, 2, 3])} hands back the results in the
 * order of the arguments, however the workers happened to finish.
 *
 * <p>Java's {@code map} is {@link ExecutorService#invokeAll}: it blocks until every task is
 * done and returns the futures in the order of the task list. To show that this order is
 * the input order and not the finishing order, the recipe makes the tasks finish backwards:
 * each task waits until the one after it has finished, so the last input completes first.
 */
public final class InputOrderMap {
    private static final Logger log = LoggerFactory.getLogger(InputOrderMap.class);

    /** The results as map returns them, and the inputs in the order their tasks finished. */
    public record Outcome(List<Integer> results, List<Integer> completionOrder) {
    }

    private InputOrderMap() {
    }

    /** Applies {@code f} to every input on a pool, with completion forced into reverse order. */
    public static Outcome mapInReverseCompletion(List<Integer> inputs, IntUnaryOperator f)
            throws InterruptedException, ExecutionException {
        int n = inputs.size();
        List<Integer> completionOrder = Collections.synchronizedList(new ArrayList<>());
        // finished.get(i) opens once task i is done; task i waits for task i + 1.
        var finished = new ArrayList<CountDownLatch>();
        for (int i = 0; i < n; i++) {
            finished.add(new CountDownLatch(1));
        }
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(() -> {
                if (index + 1 < n && !finished.get(index + 1).await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("task " + (index + 1) + " never finished");
                }
                int result = f.applyAsInt(inputs.get(index));
                log.info("finished input {} -> {}", inputs.get(index), result);
                completionOrder.add(inputs.get(index));
                finished.get(index).countDown();
                return result;
            });
        }

        // One worker per task, because every task but the last one waits for a later task:
        // with fewer workers the waiting tasks would hold every thread and nothing would finish.
        var factory = new ThreadFactoryBuilder().setNameFormat("map-worker-%d").build();
        // tag::idiom[]
        try (ExecutorService pool = Executors.newFixedThreadPool(n, factory)) {
            List<Integer> results = new ArrayList<>();
            // invokeAll returns only when all are done, with futures in task order.
            for (Future<Integer> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return new Outcome(List.copyOf(results), List.copyOf(completionOrder));
        }
        // end::idiom[]
    }

    public static void main(String[] args) throws Exception {
        var outcome = mapInReverseCompletion(List.of(1, 2, 3, 4, 5), x -> x * x);
        log.info("tasks finished in the order {}", outcome.completionOrder());
        log.info("invokeAll still returned the results in input order: {}", outcome.results());
    }
}
