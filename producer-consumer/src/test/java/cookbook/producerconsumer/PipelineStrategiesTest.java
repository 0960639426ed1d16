package cookbook.producerconsumer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cookbook.producerconsumer.PipelineStrategies.Job;
import cookbook.producerconsumer.PipelineStrategies.Outcome;
import cookbook.producerconsumer.PipelineStrategies.StepListener;
import cookbook.producerconsumer.PipelineStrategies.StepRun;
import cookbook.producerconsumer.PipelineStrategies.Strategy;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineStrategiesTest {
    private static final List<Integer> ITEMS = List.of(1, 2, 3, 4, 5, 6);
    private static final Job JOB = new Job(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(2));
    private static final int WORKERS = 2;
    private static final Duration SLOW_STOP = Duration.ofMillis(500);
    private static final Duration ONE_ITEM = JOB.step1().plus(JOB.step2()).plus(JOB.step3());

    /** (x * 2 + 3)^2 for each item, in input order. */
    private static final List<Integer> EXPECTED = ITEMS.stream().map(x -> (x * 2 + 3) * (x * 2 + 3)).toList();

    private static Outcome run(Strategy strategy, StepListener listener) throws InterruptedException, ExecutionException {
        return PipelineStrategies.run(strategy, ITEMS, JOB, WORKERS, listener);
    }

    /** Holds step 1 of the first WORKERS items until all of them have started: peak concurrency reaches WORKERS. */
    private static StepListener firstStepsTogether() {
        var barrier = new CyclicBarrier(WORKERS);
        return (step, item) -> {
            if (step == 1 && item < WORKERS) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (BrokenBarrierException | TimeoutException e) {
                    throw new AssertionError("step 1 of the first items never ran side by side", e);
                }
            }
        };
    }

    private static Set<String> threadsOf(Outcome outcome) {
        return outcome.trace().stream().map(StepRun::thread).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("PC-06: none, horizontal, vertical, pipeline and event-driven all give the same results, in input order")
    void allStrategiesAgree() throws InterruptedException, ExecutionException {
        var results = new EnumMap<Strategy, List<Integer>>(Strategy.class);
        for (Strategy strategy : Strategy.values()) {
            var outcome = PipelineStrategies.run(strategy, ITEMS, JOB, WORKERS);
            results.put(strategy, outcome.results());
            assertEquals(3 * ITEMS.size(), outcome.trace().size(), strategy + " ran every step once");
            // The clock, asserted loosely: no result before one item's three steps, none after the end.
            assertTrue(outcome.firstResult().compareTo(ONE_ITEM) >= 0, strategy + " first result " + outcome.firstResult());
            assertTrue(outcome.firstResult().compareTo(outcome.elapsed()) <= 0, strategy + " " + outcome);
            assertTrue(outcome.elapsed().compareTo(Duration.ofSeconds(30)) < 0, strategy + " took " + outcome.elapsed());
        }
        for (var entry : results.entrySet()) {
            assertEquals(EXPECTED, entry.getValue(), entry.getKey().toString());
        }
    }

    @Test
    @DisplayName("PC-06: no parallelism runs every step on the caller, one at a time")
    void noneRunsOnTheCaller() throws InterruptedException, ExecutionException {
        var outcome = run(Strategy.NONE, StepListener.NONE);

        assertEquals(Set.of(Thread.currentThread().getName()), threadsOf(outcome));
        assertEquals(1, outcome.peakConcurrency());
        // One step at a time, each sleeping its duration: at least N x (d1 + d2 + d3).
        assertTrue(outcome.elapsed().compareTo(ONE_ITEM.multipliedBy(ITEMS.size())) >= 0, "took " + outcome.elapsed());
    }

    @Test
    @DisplayName("PC-06: horizontal runs step k for every item before any item starts step k+1; W run at once")
    void horizontalSeparatesTheSteps() throws InterruptedException, ExecutionException {
        var outcome = run(Strategy.HORIZONTAL, firstStepsTogether());

        for (int step = 1; step < 3; step++) {
            int k = step;
            long lastEnd = outcome.trace().stream().filter(r -> r.step() == k).mapToLong(StepRun::end).max().orElseThrow();
            long firstStartOfNext = outcome.trace().stream().filter(r -> r.step() == k + 1)
                    .mapToLong(StepRun::start).min().orElseThrow();
            assertTrue(lastEnd <= firstStartOfNext, "step " + k + " overlaps step " + (k + 1));
        }
        assertEquals(WORKERS, outcome.peakConcurrency());
        assertTrue(threadsOf(outcome).stream().allMatch(t -> t.startsWith("horizontal-")), threadsOf(outcome).toString());
    }

    @Test
    @DisplayName("PC-06: vertical runs all three steps of an item on one pool thread; W items at once")
    void verticalKeepsAnItemOnOneThread() throws InterruptedException, ExecutionException {
        var outcome = run(Strategy.VERTICAL, firstStepsTogether());

        var threadsPerItem = outcome.trace().stream().collect(Collectors.groupingBy(StepRun::item,
                Collectors.mapping(StepRun::thread, Collectors.toSet())));
        threadsPerItem.forEach((item, threads) -> assertEquals(1, threads.size(), "item " + item + " ran on " + threads));
        assertEquals(WORKERS, outcome.peakConcurrency());
        assertTrue(threadsOf(outcome).stream().allMatch(t -> t.startsWith("vertical-")), threadsOf(outcome).toString());
    }

    @Test
    @DisplayName("PC-06: the pipeline runs step k only on thread stage-k and streams: item 0 reaches step 3 before the last item enters step 1")
    void pipelineHasOneThreadPerStepAndStreams() throws InterruptedException, ExecutionException {
        var firstReachedStep3 = new CountDownLatch(1);
        var streamed = new AtomicBoolean();
        var stages = ConcurrentHashMap.<Thread>newKeySet();
        int last = ITEMS.size() - 1;
        StepListener listener = (step, item) -> {
            stages.add(Thread.currentThread());
            if (step == 3 && item == 0) {
                firstReachedStep3.countDown();
            }
            // Stage 1 holds the last item back until the first result is on its way: only a
            // streaming strategy can get there (horizontal would wait for all of step 1 first).
            if (step == 1 && item == last) {
                streamed.set(firstReachedStep3.await(10, TimeUnit.SECONDS));
            }
        };
        var outcome = run(Strategy.PIPELINE, listener);

        assertTrue(streamed.get());
        for (int step = 1; step <= 3; step++) {
            int k = step;
            assertEquals(Set.of("stage-" + k), outcome.trace().stream().filter(r -> r.step() == k)
                    .map(StepRun::thread).collect(Collectors.toSet()));
        }
        assertTrue(outcome.peakConcurrency() <= 3, "peak " + outcome.peakConcurrency());
        assertEquals(EXPECTED, outcome.results());
        assertTrue(stages.stream().allMatch(t -> t.getState() == Thread.State.TERMINATED),
                "run() returns only after joining its stage threads");
    }

    @Test
    @DisplayName("PC-06: event-driven steps run on whichever bus thread is free, each after its predecessor's event")
    void eventsTriggerTheNextStep() throws InterruptedException, ExecutionException {
        var outcome = run(Strategy.EVENT, firstStepsTogether());

        assertTrue(threadsOf(outcome).stream().allMatch(t -> t.startsWith("event-")), threadsOf(outcome).toString());
        assertEquals(WORKERS, outcome.peakConcurrency());
        var byItem = outcome.trace().stream().collect(Collectors.groupingBy(StepRun::item));
        byItem.forEach((item, runs) -> {
            var inOrder = runs.stream().sorted((a, b) -> Integer.compare(a.step(), b.step())).toList();
            assertTrue(inOrder.get(0).end() <= inOrder.get(1).start() && inOrder.get(1).end() <= inOrder.get(2).start(),
                    "item " + item + " ran its steps out of order: " + runs);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    @DisplayName("PC-06: a step that throws ends the run with that exception (an ExecutionException's cause), never a hang")
    void aFailingStepEndsTheRun(Strategy strategy) {
        var boom = new IllegalStateException("step 2 of item 3 failed");
        StepListener failing = (step, item) -> {
            if (step == 2 && item == 3) {
                throw boom;
            }
        };
        // Run on its own thread so that a strategy which hangs fails in bounded time (and is interrupted).
        try (var caller = BlockingThread.start("caller", () -> run(strategy, failing))) {
            var thrown = assertInstanceOf(ExecutionException.class, caller.awaitEnd());
            assertSame(boom, thrown.getCause());
        }
    }

    @Test
    @DisplayName("PC-06: a failing pipeline interrupts and joins every stage before run() ends, even one slow to stop")
    void failingPipelineJoinsItsStages() throws InterruptedException {
        var boom = new IllegalStateException("step 2 of item 3 failed");
        var stageOneHeld = new CountDownLatch(1);
        var stageOne = new AtomicReference<Thread>();
        StepListener listener = (step, item) -> {
            if (step == 1 && item == ITEMS.size() - 1) {
                // Stage 1 waits here for the clean-up's interrupt, then takes its time to stop.
                stageOne.set(Thread.currentThread());
                stageOneHeld.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.sleep(SLOW_STOP);
                    throw e;
                }
            }
            if (step == 2 && item == 3) {
                assertTrue(stageOneHeld.await(10, TimeUnit.SECONDS));
                throw boom;
            }
        };
        try (var caller = BlockingThread.start("caller", () -> run(Strategy.PIPELINE, listener))) {
            assertSame(boom, assertInstanceOf(ExecutionException.class, caller.awaitEnd()).getCause());
        }
        assertEquals(Thread.State.TERMINATED, stageOne.get().getState(), "run() returned before stage 1 had stopped");
    }
}
