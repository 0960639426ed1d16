package cookbook.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.UncaughtExceptionKillsOnlyItsThread.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UncaughtExceptionKillsOnlyItsThreadTest {

    @Test
    @DisplayName("THR-09: an uncaught exception ends only its thread: TERMINATED, the handler gets it on that thread, a later thread runs fine")
    void exceptionKillsOnlyItsThread() throws Exception {
        assertEquals(new Outcome(Thread.State.TERMINATED, "failing-worker", "failing-worker",
                        "boom in failing-worker", "later-worker finished"),
                UncaughtExceptionKillsOnlyItsThread.run());
    }
}
