package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-05. Python original: twenty {@code submit}/{@code apply_async} calls each return a
 * future at once; the futures go into a list and their results are read after the pool is shut.
 *
 * <p>In Java the list of {@link Future}s keeps the submission order, so reading it gives
 * results in input order; after {@code close()} every future is done and
 * {@link Future#resultNow()} reads it without blocking. To take results as they finish
 * instead, wrap the pool in an {@link ExecutorCompletionService}: its {@code take()} hands
 * back whichever future completed next.
 */
public final class CollectFutures {
    private static final Logger log = LoggerFactory.getLogger(CollectFutures.class);

    /** Results read from the kept futures after close(), and how long the pool worked. */
    public record Collected(List<Integer> results, boolean allDoneAfterClose, Duration elapsed) {
    }

    /** The same results read two ways: the futures list, and the completion service. */
    public record TwoOrders(List<Integer> futuresListOrder, List<Integer> completionServiceOrder) {
    }

    private CollectFutures() {
    }

    /** The seed's example: each task sleeps {@code unit} and returns a random number in [0, 10]. */
    public static Collected collectAfterClose(int tasks, int workers, Duration unit) {
        var futures = new ArrayList<Future<Integer>>();
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers,
                new ThreadFactoryBuilder().setNameFormat("worker-%d").build())) {
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(() -> {
                    Thread.sleep(unit);
                    return ThreadLocalRandom.current().nextInt(0, 11);
                }));
            }
            log.info("{} futures in hand, {} done so far", futures.size(), futures.stream().filter(Future::isDone).count());
        }
        var elapsed = Duration.ofNanos(System.nanoTime() - begin);
        boolean allDone = futures.stream().allMatch(Future::isDone);
        // resultNow() never blocks: it throws if the future is not done, so it doubles as a check.
        List<Integer> results = futures.stream().map(Future::resultNow).toList();
        log.info("after close(): {} in {} ms", results, elapsed.toMillis());
        return new Collected(results, allDone, elapsed);
    }

    /**
     * Squares every input; task i may finish only when the caller opens its gate, in
     * {@code finishOrder} (indexes into {@code inputs}). The caller opens the next gate after
     * take() returned the previous result, so the finishing order is exactly that list.
     */
    public static TwoOrders squaresInTwoOrders(List<Integer> inputs, List<Integer> finishOrder)
            throws InterruptedException, ExecutionException {
        var gates = new ArrayList<CountDownLatch>();
        inputs.forEach(x -> gates.add(new CountDownLatch(1)));
        // One worker per input: every task waits at its gate, so none may hold up another.
        try (ExecutorService pool = Executors.newFixedThreadPool(inputs.size(),
                new ThreadFactoryBuilder().setNameFormat("worker-%d").build())) {
            CompletionService<Integer> service = new ExecutorCompletionService<>(pool);
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < inputs.size(); i++) {
                int index = i;
                futures.add(service.submit(() -> {
                    gates.get(index).await();
                    return inputs.get(index) * inputs.get(index);
                }));
            }
            try {
                // tag::idiom[]
                // take() hands back whichever future completed next: completion order.
                var asCompleted = new ArrayList<Integer>();
                for (int index : finishOrder) {
                    gates.get(index).countDown();
                    asCompleted.add(service.take().get());
                }
                // The kept list is in submission order, whatever the finishing order was.
                var inOrder = new ArrayList<Integer>();
                for (Future<Integer> f : futures) {
                    inOrder.add(f.get());
                }
                // end::idiom[]
                log.info("completion service: {}", asCompleted);
                log.info("futures list:       {}", inOrder);
                return new TwoOrders(List.copyOf(inOrder), List.copyOf(asCompleted));
            } finally {
                // Open every gate on every path, or close() would wait for a held task forever.
                gates.forEach(CountDownLatch::countDown);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        collectAfterClose(20, 10, Duration.ofMillis(500));
        // The finishing order behind the seed's printed [1, 0, 4, 9, 25, 16, 49, 36, 81, 64].
        squaresInTwoOrders(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(1, 0, 2, 3, 5, 4, 7, 6, 9, 8));
    }
}
