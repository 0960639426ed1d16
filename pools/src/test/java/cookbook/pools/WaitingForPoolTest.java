package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.WaitingForPool.CloseOutcome;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.ThreadStateProbe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitingForPoolTest {
    // 30 rounds of 40 ms: far above what 300 empty tasks cost even on a crowded machine, so
    // the lower bound holds only if the tasks really wait.
    private static final Duration UNIT = Duration.ofMillis(40);

    @Test
    @DisplayName("POOL-03: submit returns before any task finishes, shutdown() alone does not wait, awaitTermination does")
        void shutdownDoesNotWaitButAwaitTerminationDoes() throws InterruptedException {
        // Tasks that finish at once when let through: only the recipe's gate keeps them from
        // being done before the caller looks.
        var outcome = WaitingForPool.shutdownDoesNotWait(300, 10, () -> { });


        assertEquals(0, outcome.doneWhenSubmitReturned());
        assertTrue(outcome.submitTook().compareTo(Duration.ofSeconds(5)) < 0, "submitting took " + outcome.submitTook().toMillis() + " ms");
        assertFalse(outcome.terminatedAfterShutdown());
        assertEquals(0, outcome.doneAfterShutdown());
        assertTrue(outcome.terminatedAfterAwait());
        assertEquals(300, outcome.doneAfterAwait());
    }

    @Test
    @DisplayName("POOL-03: awaitTermination waits for all 300 tasks of d on 10 workers, at least ceil(300/10) x d = 30d, and not far more")
    void awaitTerminationWaitsForTheRest() throws InterruptedException {
        var outcome = WaitingForPool.shutdownDoesNotWait(300, 10, UNIT);

        assertEquals(300, outcome.doneAfterAwait());
        String took = "awaitTermination returned after " + outcome.awaitTook().toMillis() + " ms";
        assertTrue(outcome.awaitTook().compareTo(UNIT.multipliedBy(30)) >= 0, took);
        assertTrue(outcome.awaitTook().compareTo(UNIT.multipliedBy(30).plusSeconds(5)) < 0, took);
    }

    @Test
    @DisplayName("POOL-03: close() blocks its caller while any task is still running, and returns with all 300 done")
    void closeBlocksUntilEveryTaskIsDone() throws InterruptedException {
        var release = new CountDownLatch(1);
        var started = new AtomicInteger();
        Runnable held = () -> {
            started.incrementAndGet();
            Latches.awaitOpen(release);
        };
        var outcome = new AtomicReference<CloseOutcome>();
        try (var caller = BlockingThread.start("caller", () -> outcome.set(WaitingForPool.closeWaits(300, 10, held)))) {
            try {
                // Every worker holds a task, and the caller has submitted all 300 and is parked
                // inside close(), which waits in awaitTermination (a timed wait of a day, in a loop).
                await().until(() -> caller.thread().getState() == Thread.State.TIMED_WAITING
                        && ThreadStateProbe.stackOf(caller.thread()).contains("ExecutorService.close"));
                assertFalse(caller.hasEnded());
                assertEquals(10, started.get());
            } finally {
                release.countDown();
            }
            assertNull(caller.awaitEnd());
        }
        assertEquals(300, outcome.get().doneAfterClose());
        assertEquals(300, started.get());
    }

    @Test
    @DisplayName("POOL-03: close() waits for all 300 tasks of d on 10 workers, at least ceil(300/10) x d = 30d, and not far more")
    void closeWaitsForEveryTask() {
        var outcome = WaitingForPool.closeWaits(300, 10, UNIT);

        assertEquals(300, outcome.doneAfterClose());
        String took = "close() returned after " + outcome.elapsed().toMillis() + " ms";
        assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(30)) >= 0, took);
        assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(30).plusSeconds(5)) < 0, took);
    }

    @Test
    @DisplayName("POOL-03: shutdownNow() interrupts the running tasks and returns the queued ones unrun")
    void shutdownNowInterruptsRunningTasks() throws InterruptedException {
        var outcome = WaitingForPool.shutdownNowInterrupts(3, 5, Duration.ofMinutes(5));

        assertEquals(3, outcome.interrupted());
        assertEquals(5, outcome.neverStarted());
        assertEquals(0, outcome.completed());
    }
}
