package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.CoroutineTask.EventLoop;
import cookbook.async.CoroutineTask.Step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoroutineTaskTest {
    private static final Duration D = Duration.ofMillis(50);

    @Test
    @DisplayName("ASYNC-03: the coroutine does nothing until scheduled, is pending when created, runs on the loop, completes")
    void lazyCoroutineRunsAsTaskOnTheLoop() {
        String caller = Thread.currentThread().getName();

        var outcome = CoroutineTask.run(D);

        assertEquals(List.of(
                List.of(caller, "coroutine object created; its body has not run"),
                List.of("event-loop", "task created, state RUNNING (Python: pending)"),
                List.of("event-loop", "we are doing it......"),
                List.of("event-loop", "slept 50 ms, done"),
                List.of(caller, "task finished, state SUCCESS, result null")),
                outcome.steps().stream().map(s -> List.of(s.thread(), s.what())).toList());
        assertEquals(Future.State.RUNNING, outcome.stateWhenCreated());
        assertEquals(Future.State.SUCCESS, outcome.stateAtEnd());
        assertNull(outcome.result());
        assertTrue(outcome.elapsed().compareTo(D) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.plusSeconds(10)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("ASYNC-03: the task and the body it schedules run on one loop thread, the same thread object each time")
    void oneLoopThreadByIdentity() {
        long caller = Thread.currentThread().threadId();

        List<Step> steps = CoroutineTask.run(D).steps();

        // Names cannot tell one thread from a pool of threads all named "event-loop"; ids can.
        List<Long> loopIds = steps.subList(1, 4).stream().map(Step::threadId).distinct().toList();
        assertEquals(1, loopIds.size(), steps::toString);
        assertNotEquals(caller, loopIds.getFirst());
        assertEquals(caller, steps.getFirst().threadId());
        assertEquals(caller, steps.getLast().threadId());
    }

    @Test
    @DisplayName("ASYNC-03: a coroutine that throws fails its task instead of leaving it pending, and the loop thread goes on")
    void throwingCoroutineFailsItsTask() throws Exception {
        List<Long> ranOn = Collections.synchronizedList(new ArrayList<>());
        try (var loop = new EventLoop()) {
            CompletableFuture<Void> broken = loop.createTask(() -> {
                ranOn.add(Thread.currentThread().threadId());
                throw new IllegalStateException("the coroutine failed before its first await");
            });
            CompletableFuture<Void> nullTask = loop.createTask(() -> null);

            var failure = assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.getCause());
            var noFuture = assertThrows(ExecutionException.class, () -> nullTask.get(10, TimeUnit.SECONDS));
            assertInstanceOf(NullPointerException.class, noFuture.getCause());
            // The next task runs on the very same thread: the failure did not kill the loop's thread.
            String result = loop.runUntilComplete(() -> {
                ranOn.add(Thread.currentThread().threadId());
                return CompletableFuture.completedFuture("still running");
            });
            assertEquals("still running", result);
        }
        assertEquals(2, ranOn.size());
        assertEquals(ranOn.get(0), ranOn.get(1), "the loop thread was replaced after the failure");
    }

    @Test
    @DisplayName("ASYNC-03: by contrast supplyAsync starts at once, though nobody waits for its result")
    void supplyAsyncIsEager() throws Exception {
        var ran = new CountDownLatch(1);
        try (var executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("eager").factory())) {
            var future = CoroutineTask.eagerFuture(ran::countDown, executor);

            // No get(), no join(): the body runs anyway.
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertEquals("eager", future.get());
        }
    }
}
