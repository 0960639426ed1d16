package cookbook.pools;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitingForPoolTest {
    private static final Duration UNIT = Duration.ofMillis(10);

    @Test
    @DisplayName("POOL-03: submit returns before any task finishes, shutdown() alone does not wait, awaitTermination does")
    void shutdownDoesNotWaitButAwaitTerminationDoes() throws InterruptedException {
        var outcome = WaitingForPool.submitThenShutdown(300, 10, UNIT);

        assertEquals(0, outcome.doneWhenSubmitReturned());
        assertTrue(outcome.submitTook().compareTo(Duration.ofSeconds(5)) < 0, "submitting took " + outcome.submitTook());
        assertFalse(outcome.terminatedAfterShutdown());
        assertEquals(0, outcome.doneAfterShutdown());
        assertTrue(outcome.terminatedAfterAwait());
        assertEquals(300, outcome.doneAfterAwait());
    }

    @Test
    @DisplayName("POOL-03: close() waits for all 300 tasks of d on 10 workers, at least 30d")
    void closeWaitsForEveryTask() {
        var outcome = WaitingForPool.closeWaits(300, 10, UNIT);

        assertEquals(300, outcome.doneAfterClose());
        assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(30)) >= 0, "close() returned after " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(UNIT.multipliedBy(30).plusSeconds(5)) < 0, "took " + outcome.elapsed());
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
