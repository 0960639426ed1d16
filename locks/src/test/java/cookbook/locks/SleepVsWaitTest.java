package cookbook.locks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.SleepVsWait.Mode;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SleepVsWaitTest {

    @Test
    @DisplayName("LCK-11: sleep keeps the lock: the other thread stays BLOCKED and gets in only after the holder leaves")
    void sleepKeepsTheLock() throws InterruptedException {
        try (var demo = SleepVsWait.start(Mode.SLEEP, Duration.ofMillis(2))) {
            ThreadStateProbe.awaitBlocked(demo.other());
            // The holder really is asleep (TIMED_WAITING), and still nobody has got in.
            ThreadStateProbe.awaitState(demo.holder(), Thread.State.TIMED_WAITING);
            assertEquals(Thread.State.BLOCKED, demo.other().getState());
            assertEquals(List.of("holder in"), demo.events());
            demo.release();
            assertTrue(demo.other().join(Duration.ofSeconds(10)));
            assertEquals("holder out", demo.events().get(1));
            assertTrue(demo.events().get(2).startsWith("other in"), demo.events().toString());
        }
    }

    @Test
    @DisplayName("LCK-11: wait releases the lock: the other thread gets in while the holder is still WAITING")
    void waitReleasesTheLock() throws InterruptedException {
        try (var demo = SleepVsWait.start(Mode.WAIT, Duration.ofMillis(2))) {
            // Nobody calls release(): only the other thread, once inside, can end the wait.
            assertTrue(demo.holder().join(Duration.ofSeconds(10)));
            assertTrue(demo.other().join(Duration.ofSeconds(10)));
            assertEquals(List.of("holder in", "other in (holder WAITING)", "holder out"), demo.events());
        }
    }

    @Test
    @DisplayName("LCK-11: closing mid-sleep interrupts the holder; it leaves the lock, the other gets in, both end")
    void closeInterruptsTheSleeper() throws InterruptedException {
        var demo = SleepVsWait.start(Mode.SLEEP, Duration.ofMillis(2));
        ThreadStateProbe.awaitBlocked(demo.other());
        demo.close();
        assertFalse(demo.holder().isAlive() || demo.other().isAlive(), "close() returned only after both ended");
        // The holder's catch runs after it left the block, so the other may write first.
        var events = demo.events();
        assertEquals(3, events.size(), events.toString());
        assertEquals("holder in", events.getFirst());
        assertTrue(events.contains("holder interrupted"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("other in")), events.toString());
    }
}
