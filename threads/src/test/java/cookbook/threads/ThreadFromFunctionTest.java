package cookbook.threads;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.ThreadFromFunction.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadFromFunctionTest {
    private static final Duration PAUSE = Duration.ofMillis(20);

    @Test
    @DisplayName("THR-01: the target runs on the named thread, start() returns at once, join() waits for the end")
    void targetRunsOnNamedThreadAndJoinWaits() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        var outcome = ThreadFromFunction.run(Thread.ofPlatform().name("loop_thread"), 5, PAUSE);

        assertEquals(List.of(
                new Event(caller, "start() returned; main carries on while the loop runs"),
                new Event("loop_thread", "step 0"),
                new Event("loop_thread", "step 1"),
                new Event("loop_thread", "step 2"),
                new Event("loop_thread", "step 3"),
                new Event("loop_thread", "step 4"),
                new Event(caller, "join() returned; the loop has finished")), outcome.events());
        assertEquals(Thread.State.TERMINATED, outcome.stateAfterJoin());
        assertFalse(outcome.virtual());
    }

    @Test
    @DisplayName("THR-01: five steps of d take at least 5d, because join() waits for all of them")
    void joinWaitsForEveryStep() throws InterruptedException {
        var outcome = ThreadFromFunction.run(Thread.ofPlatform().name("loop_thread"), 5, PAUSE);

        // Lower bound strictly (sleep never returns early); the upper bound only with wide slack.
        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(5)) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(5).plusSeconds(5)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("THR-01: the same target runs unchanged on a virtual thread built by Thread.ofVirtual()")
    void sameTargetOnAVirtualThread() throws InterruptedException {
        var outcome = ThreadFromFunction.run(Thread.ofVirtual().name("loop_vthread"), 3, PAUSE);

        assertTrue(outcome.virtual());
        assertEquals(List.of("step 0", "step 1", "step 2"), outcome.events().stream()
                .filter(e -> e.thread().equals("loop_vthread")).map(Event::what).toList());
        assertEquals(Thread.State.TERMINATED, outcome.stateAfterJoin());
    }
}
