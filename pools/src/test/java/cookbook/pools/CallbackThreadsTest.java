package cookbook.pools;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackThreadsTest {

    @Test
    @DisplayName("POOL-04: a callback registered before completion runs on the pool thread that completed the task")
    void beforeCompletionRunsOnWorker() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertTrue(observed.task().startsWith("worker-"), observed.task());
        assertEquals(observed.task(), observed.registeredBeforeCompletion());
    }

    @Test
    @DisplayName("POOL-04: a callback registered after completion runs on the caller's thread")
    void afterCompletionRunsOnCaller() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertEquals(Thread.currentThread().getName(), observed.caller());
        assertEquals(observed.caller(), observed.registeredAfterCompletion());
    }

    @Test
    @DisplayName("POOL-04: thenApplyAsync and Guava Futures.addCallback run on the executor they are given")
    void explicitExecutorDecides() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertEquals("callback-0", observed.thenApplyAsync());
        assertEquals("callback-0", observed.guavaAddCallback());
    }

    @Test
    @DisplayName("POOL-04: N slow callbacks on one callback thread run one after another, taking at least N x c although the tasks finished at once")
    void slowCallbacksQueueOnOneThread() {
        var callbackTime = Duration.ofMillis(50);

        var took = CallbackThreads.slowCallbacksOnOneThread(6, callbackTime);

        assertTrue(took.compareTo(callbackTime.multipliedBy(6)) >= 0, "took " + took);
        assertTrue(took.compareTo(callbackTime.multipliedBy(6).plusSeconds(5)) < 0, "took " + took);
    }
}
