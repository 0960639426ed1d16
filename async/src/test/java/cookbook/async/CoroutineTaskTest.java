package cookbook.async;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.CoroutineTask.Step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoroutineTaskTest {
    private static final Duration D = Duration.ofMillis(50);

    @Test
    @DisplayName("ASYNC-03: the coroutine does nothing until scheduled, is pending when created, runs on the loop, completes")
    void lazyCoroutineRunsAsTaskOnTheLoop() {
        String caller = Thread.currentThread().getName();

        var outcome = CoroutineTask.run(D);

        assertEquals(List.of(
                new Step(caller, "coroutine object created; its body has not run"),
                new Step("event-loop", "task created, state RUNNING (Python: pending)"),
                new Step("event-loop", "we are doing it......"),
                new Step("event-loop", "slept 50 ms, done"),
                new Step(caller, "task finished, state SUCCESS, result null")), outcome.steps());
        assertEquals(Future.State.RUNNING, outcome.stateWhenCreated());
        assertEquals(Future.State.SUCCESS, outcome.stateAtEnd());
        assertNull(outcome.result());
        assertTrue(outcome.elapsed().compareTo(D) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.plusSeconds(10)) < 0, "elapsed " + outcome.elapsed());
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
