package cookbook.locks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.SleepVsWait.Mode;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SleepVsWaitTest {

    @Test
    @DisplayName("LCK-11: sleep keeps the lock: the other thread stays BLOCKED and gets in only after the holder leaves")
    void sleepKeepsTheLock() throws InterruptedException {
        try (var demo = SleepVsWait.start(Mode.SLEEP, Duration.ofMillis(2))) {
            ThreadStateProbe.awaitBlocked(demo.other);
            // Blocked, and the holder is still inside its sleep loop: nobody has got in.
            assertTrue(demo.holder.isAlive());
            assertEquals(List.of("holder in"), demo.events());
            demo.release();
            assertTrue(demo.other.join(Duration.ofSeconds(10)));
            assertEquals("holder out", demo.events().get(1));
            assertTrue(demo.events().get(2).startsWith("other in"), demo.events().toString());
        }
    }

    @Test
    @DisplayName("LCK-11: wait releases the lock: the other thread gets in while the holder is still WAITING")
    void waitReleasesTheLock() throws InterruptedException {
        try (var demo = SleepVsWait.start(Mode.WAIT, Duration.ofMillis(2))) {
            // Nobody calls release(): only the other thread, once inside, can end the wait.
            assertTrue(demo.other.join(Duration.ofSeconds(10)));
            assertTrue(demo.holder.join(Duration.ofSeconds(10)));
            assertEquals(List.of("holder in", "other in (holder WAITING)", "holder out"), demo.events());
        }
    }
}
