package cookbook.pools;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads are compared by identity: a name prefix cannot tell one pool thread from another. */
class CallbackThreadsTest {

    @Test
    @DisplayName("POOL-04: a callback registered before completion runs on the very pool thread that completed the task")
    void beforeCompletionRunsOnWorker() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertNotSame(observed.caller(), observed.task());
        assertSame(observed.task(), observed.registeredBeforeCompletion());
    }

    @Test
    @DisplayName("POOL-04: a callback registered after completion runs on the caller's thread")
    void afterCompletionRunsOnCaller() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertSame(Thread.currentThread(), observed.caller());
        assertSame(observed.caller(), observed.registeredAfterCompletion());
    }

    @Test
    @DisplayName("POOL-04: thenApplyAsync and Guava Futures.addCallback run on the thread of the executor they are given")
    void explicitExecutorDecides() throws InterruptedException {
        var observed = CallbackThreads.whoRunsCallbacks();

        assertNotSame(observed.caller(), observed.callbackExecutorThread());
        assertNotSame(observed.task(), observed.callbackExecutorThread());
        assertSame(observed.callbackExecutorThread(), observed.thenApplyAsync());
        assertSame(observed.callbackExecutorThread(), observed.guavaAddCallback());
    }

    @Test
    @DisplayName("POOL-04: N slow callbacks on one callback thread run one after another on that thread, taking at least N x c although the tasks finished at once")
    void slowCallbacksQueueOnOneThread() {
        var callbackTime = Duration.ofMillis(50);

        var slow = CallbackThreads.slowCallbacksOnOneThread(6, callbackTime);

        assertEquals(List.of(0, 1, 2, 3, 4, 5), slow.handled().stream().sorted().toList());
        assertEquals(1, slow.callbackThreads().size());
        assertEquals(1, slow.peakConcurrency());
        String took = "took " + slow.elapsed().toMillis() + " ms";
        assertTrue(slow.elapsed().compareTo(callbackTime.multipliedBy(6)) >= 0, took);
        assertTrue(slow.elapsed().compareTo(callbackTime.multipliedBy(6).plusSeconds(5)) < 0, took);
    }
}
