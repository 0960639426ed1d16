package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-06. Python original: the notes sketch ways to run many tasks of three dependent steps:
 * not at all in parallel, horizontally ({@code pool.map} per step), vertically (one task
 * runs all three steps), as a producer-consumer pipeline, and driven by events.
 *
 * <p>One job, five strategies, identical results; what differs is <em>who runs which step
 * when</em>, which the trace records: NONE runs everything on the caller; HORIZONTAL runs
 * each step over all items with {@code invokeAll}, which is a barrier between steps;
 * VERTICAL gives each item to one pool thread for all three steps; PIPELINE has one thread
 * per step joined by bounded queues, so results stream out while later items are still in
 * step 1; EVENT lets a Guava {@link AsyncEventBus} carry a "step done" event to whichever
 * pool thread is free. A step that throws ends every strategy the same way: an
 * {@link ExecutionException} carrying it, with every thread the strategy started ended.
 *
 * <p>What to notice in {@code main}'s table: total time, and how soon the first result is out.
 */
public final class PipelineStrategies {
    private static final Logger log = LoggerFactory.getLogger(PipelineStrategies.class);

    public enum Strategy { NONE, HORIZONTAL, VERTICAL, PIPELINE, EVENT }

    /** How long each of the three steps takes. */
    public record Job(Duration step1, Duration step2, Duration step3) {
        Duration duration(int step) {
            return switch (step) {
                case 1 -> step1;
                case 2 -> step2;
                default -> step3;
            };
        }
    }

    /** Called on the worker just before it runs {@code step} of item {@code item}: a hook for tests. */
    public interface StepListener {
        StepListener NONE = (step, item) -> { };

        void beforeStep(int step, int item) throws InterruptedException;
    }

    /** One step of one item: which thread ran it, and when (nanoTime). */
    public record StepRun(int step, int item, String thread, long start, long end) {
    }

    /** Results in input order, the trace, the most steps running at once, total time, time to the first result. */
    public record Outcome(Strategy strategy, List<Integer> results, List<StepRun> trace, int peakConcurrency,
                          Duration elapsed, Duration firstResult) {
    }

    /** The job's three steps; each sleeps its duration to stand in for real work. */
    private static final class Steps {
        private final Job job;
        private final StepListener listener;
        private final List<StepRun> trace = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicLong firstResult = new AtomicLong(Long.MAX_VALUE);

        Steps(Job job, StepListener listener) {
            this.job = job;
            this.listener = listener;
        }

        int apply(int step, int item, int value) throws InterruptedException {
            // Counted as running before the hook, so a hook that holds several steps together
            // shows them as concurrent however the threads are scheduled afterwards.
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            long start = 0;
            try {
                listener.beforeStep(step, item);
                start = System.nanoTime();
                Thread.sleep(job.duration(step));
                return switch (step) {
                    case 1 -> value * 2;
                    case 2 -> value + 3;
                    default -> value * value;
                };
            } finally {
                running.decrementAndGet();
                long end = System.nanoTime();
                trace.add(new StepRun(step, item, Thread.currentThread().getName(), start, end));
                if (step == 3) {
                    firstResult.accumulateAndGet(end, Math::min);
                }
            }
        }

        int allSteps(int item, int value) throws InterruptedException {
            return apply(3, item, apply(2, item, apply(1, item, value)));
        }
    }

    /** What travels down the pipeline: an item's value, the end of input (the pill), or a step's failure. */
    private sealed interface Token {
        record Value(int index, int value) implements Token {
        }

        record Failed(Throwable cause) implements Token {
        }

        enum End implements Token { END }
    }

    /** What the event bus carries: item {@code index} has finished {@code step} (0 means "arrived"). */
    public record StepDone(int step, int index, int value) {
    }

    private PipelineStrategies() {
    }

    /**
     * Runs {@code items} through the three steps with {@code strategy}, pools of {@code workers}.
     * Whatever the strategy, a step that throws ends the run with an {@link ExecutionException}
     * whose cause is that step's exception: never a hang, never a swallowed failure.
     */
    public static Outcome run(Strategy strategy, List<Integer> items, Job job, int workers)
            throws InterruptedException, ExecutionException {
        return run(strategy, items, job, workers, StepListener.NONE);
    }

    /** The same run, with a hook each worker calls before each step. */
    public static Outcome run(Strategy strategy, List<Integer> items, Job job, int workers, StepListener listener)
            throws InterruptedException, ExecutionException {
        var steps = new Steps(job, listener);
        long begin = System.nanoTime();
        List<Integer> results = switch (strategy) {
            case NONE -> none(steps, items);
            case HORIZONTAL -> horizontal(steps, items, workers);
            case VERTICAL -> {
                try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("vertical-", 0).factory())) {
                    var tasks = new ArrayList<Callable<Integer>>();
                    for (int i = 0; i < items.size(); i++) {
                        int index = i;
                        tasks.add(() -> steps.allSteps(index, items.get(index)));
                    }
                    yield values(pool.invokeAll(tasks));
                }
            }
            case PIPELINE -> pipeline(steps, items);
            case EVENT -> events(steps, items, workers);
        };
        long firstNanos = steps.firstResult.get() - begin;
        return new Outcome(strategy, List.copyOf(results), List.copyOf(steps.trace), steps.peak.get(),
                Duration.ofNanos(System.nanoTime() - begin), Duration.ofNanos(firstNanos));
    }

    /** Everything on the caller, one step after another; a failure is reported like the pools report it. */
    private static List<Integer> none(Steps steps, List<Integer> items) throws InterruptedException, ExecutionException {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(steps.allSteps(i, items.get(i)));
            } catch (RuntimeException | Error e) {
                throw new ExecutionException(e);
            }
        }
        return out;
    }

    /** Step 1 for all, then step 2 for all, then step 3: invokeAll returns only when its batch is done. */
    private static List<Integer> horizontal(Steps steps, List<Integer> items, int workers)
            throws InterruptedException, ExecutionException {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("horizontal-", 0).factory())) {
            List<Integer> values = items;
            for (int step = 1; step <= 3; step++) {
                var tasks = new ArrayList<Callable<Integer>>();
                for (int i = 0; i < values.size(); i++) {
                    int s = step;
                    int index = i;
                    int value = values.get(i);
                    tasks.add(() -> steps.apply(s, index, value));
                }
                values = values(pool.invokeAll(tasks));
            }
            return values;
        }
    }

    /** A source thread, one thread per step, bounded queues between them, the caller as the sink. */
    private static List<Integer> pipeline(Steps steps, List<Integer> items) throws InterruptedException, ExecutionException {
        var queues = new ArrayList<BlockingQueue<Token>>();
        for (int q = 0; q <= 3; q++) {
            queues.add(new ArrayBlockingQueue<>(2));
        }
        var threads = new ArrayList<Thread>();
        threads.add(Thread.ofPlatform().name("source").start(quietOnInterrupt(() -> {
            for (int i = 0; i < items.size(); i++) {
                queues.getFirst().put(new Token.Value(i, items.get(i)));
            }
            queues.getFirst().put(Token.End.END);
        })));
        for (int step = 1; step <= 3; step++) {
            int s = step;
            threads.add(Thread.ofPlatform().name("stage-" + step)
                    .start(quietOnInterrupt(() -> stage(s, steps, queues.get(s - 1), queues.get(s)))));
        }
        return sink(queues.getLast(), threads);
    }

    // tag::idiom[]
    /** One pipeline stage: take, apply its step, pass on; the end or a failure is passed on, then it stops. */
    private static void stage(int step, Steps steps, BlockingQueue<Token> in, BlockingQueue<Token> out)
            throws InterruptedException {
        Token token;
        do {
            token = in.take();
            if (token instanceof Token.Value(int index, int value)) {
                try {
                    token = new Token.Value(index, steps.apply(step, index, value));
                } catch (RuntimeException | Error e) {
                    // A failed step travels down like a pill, carrying its exception to the sink.
                    token = new Token.Failed(e);
                }
            }
            out.put(token);
        } while (token instanceof Token.Value);
    }

    /** The caller drains the last queue: results stream in, in order, until the end or a failure. */
    private static List<Integer> sink(BlockingQueue<Token> last, List<Thread> threads)
            throws InterruptedException, ExecutionException {
        try {
            var results = new ArrayList<Integer>();
            while (true) {
                switch (last.take()) {
                    case Token.Value value -> results.add(value.value());
                    case Token.Failed failed -> throw new ExecutionException(failed.cause());
                    case Token.End end -> {
                        return results;
                    }
                }
            }
        } finally {
            // After a failure the stages upstream are stuck in put(): end them, then wait for them.
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
    // end::idiom[]

    /** Each finished step posts an event; the subscriber runs the next step on whichever pool thread is free. */
    private static List<Integer> events(Steps steps, List<Integer> items, int workers)
            throws InterruptedException, ExecutionException {
        var results = new AtomicReferenceArray<Integer>(items.size());
        var left = new AtomicInteger(items.size());
        var all = new CompletableFuture<List<Integer>>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("event-", 0).factory())) {
            var bus = new AsyncEventBus("steps", pool);
            bus.register(new Object() {
                @Subscribe
                @AllowConcurrentEvents
                public void on(StepDone event) {
                    try {
                        if (event.step() < 3) {
                            int next = event.step() + 1;
                            bus.post(new StepDone(next, event.index(), steps.apply(next, event.index(), event.value())));
                        } else {
                            results.set(event.index(), event.value());
                            if (left.decrementAndGet() == 0) {
                                all.complete(IntStream.range(0, items.size()).mapToObj(results::get).toList());
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        all.completeExceptionally(e);
                    } catch (RuntimeException | Error e) {
                        // Left to Guava, an exception is only logged and an Error kills a pool
                        // thread: either way the caller would wait for ever. Complete the future.
                        all.completeExceptionally(e);
                    }
                }
            });
            for (int i = 0; i < items.size(); i++) {
                bus.post(new StepDone(0, i, items.get(i)));
            }
            return all.get();
        }
    }

    private static List<Integer> values(List<Future<Integer>> futures) throws InterruptedException, ExecutionException {
        var out = new ArrayList<Integer>();
        for (var future : futures) {
            out.add(future.get());
        }
        return out;
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private static Runnable quietOnInterrupt(Body body) {
        return () -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        var items = List.of(1, 2, 3, 4, 5, 6);
        var job = new Job(Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(50));
        int workers = 3;
        int n = items.size();
        int rounds = (n + workers - 1) / workers;
        long d1 = job.step1().toMillis(), d2 = job.step2().toMillis(), d3 = job.step3().toMillis();
        // The event bus queues its work FIFO, so it runs breadth-first: only a lower bound applies.
        var model = new String[] {
                String.valueOf(n * (d1 + d2 + d3)),
                String.valueOf(rounds * d1 + rounds * d2 + rounds * d3),
                String.valueOf(rounds * (d1 + d2 + d3)),
                String.valueOf((d1 + d2 + d3) + (n - 1) * Math.max(d1, Math.max(d2, d3))),
                ">= " + n * (d1 + d2 + d3) / workers};
        log.info(String.format("%-10s | %9s | %9s | %12s | %s", "strategy", "total ms", "model ms", "first result", "results"));
        for (Strategy strategy : Strategy.values()) {
            var outcome = run(strategy, items, job, workers);
            log.info(String.format("%-10s | %9d | %9s | %9d ms | %s", strategy, outcome.elapsed().toMillis(),
                    model[strategy.ordinal()], outcome.firstResult().toMillis(), outcome.results()));
        }
    }
}
