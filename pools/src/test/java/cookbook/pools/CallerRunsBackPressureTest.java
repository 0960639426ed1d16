package cookbook.pools;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerRunsBackPressureTest {

    @Test
    @DisplayName("POOL-11: with 2 busy workers and a full queue of 2, tasks 4 and 5 run on the submitter inside execute()")
    void overflowRunsOnSubmitter() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        var outcome = CallerRunsBackPressure.submitUntilFull(6, 2, 2, Duration.ofMillis(10));

        assertEquals(caller, outcome.submitter());
        assertEquals(List.of(4, 5), outcome.ranInsideExecute());
        assertEquals("bounded-0", outcome.ranOn().get(0));
        assertEquals("bounded-1", outcome.ranOn().get(1));
        // The queued tasks ran later on whichever named worker took them.
        assertTrue(outcome.ranOn().get(2).startsWith("bounded-"), outcome.ranOn().toString());
        assertTrue(outcome.ranOn().get(3).startsWith("bounded-"), outcome.ranOn().toString());
        assertEquals(caller, outcome.ranOn().get(4));
        assertEquals(caller, outcome.ranOn().get(5));
    }

    @Test
    @DisplayName("POOL-11: while the queue has room nothing runs on the submitter")
    void noOverflowWhileQueueHasRoom() throws InterruptedException {
        var outcome = CallerRunsBackPressure.submitUntilFull(4, 2, 2, Duration.ofMillis(10));

        assertEquals(List.of(), outcome.ranInsideExecute());
        assertTrue(outcome.ranOn().stream().allMatch(name -> name.startsWith("bounded-")), outcome.ranOn().toString());
    }
}
