package cookbook.pools;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerRunsBackPressureTest {

    @Test
    @DisplayName("POOL-11: with 2 busy workers and a full queue of 2, tasks 4 and 5 run on the submitter inside execute()")
    void overflowRunsOnSubmitter() throws InterruptedException {
        Thread caller = Thread.currentThread();

        var outcome = CallerRunsBackPressure.submitUntilFull(6, 2, 2, Duration.ofMillis(10));

        assertSame(caller, outcome.submitter());
        assertEquals(List.of(4, 5), outcome.ranInsideExecute());
        // Tasks 0 and 1 each started a worker of their own.
        var workers = Set.of(outcome.ranOn().get(0), outcome.ranOn().get(1));
        assertEquals(2, workers.size());
        assertFalse(workers.contains(caller));
        // The queued tasks ran later on one of those two workers.
        assertTrue(workers.contains(outcome.ranOn().get(2)), outcome.ranOn().toString());
        assertTrue(workers.contains(outcome.ranOn().get(3)), outcome.ranOn().toString());
        assertSame(caller, outcome.ranOn().get(4));
        assertSame(caller, outcome.ranOn().get(5));
    }

    @Test
    @DisplayName("POOL-11: while the queue has room nothing runs on the submitter")
    void noOverflowWhileQueueHasRoom() throws InterruptedException {
        Thread caller = Thread.currentThread();

        var outcome = CallerRunsBackPressure.submitUntilFull(4, 2, 2, Duration.ofMillis(10));

        assertEquals(List.of(), outcome.ranInsideExecute());
        assertEquals(2, Set.copyOf(outcome.ranOn()).size(), outcome.ranOn().toString());
        outcome.ranOn().forEach(t -> assertNotSame(caller, t));
    }
}
