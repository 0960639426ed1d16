package cookbook.async;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.EventLoopNoLocks.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopNoLocksTest {
    private static final Duration D = Duration.ofMillis(20);

    /**
     * One loop thread, by identity: a pool of several threads all named "event-loop" would pass a
     * name check, but its second task always starts a second worker, with a new id.
     */
    private static void assertOneLoopThread(Outcome outcome) {
        Set<Long> ids = outcome.loopThreadIds();
        assertEquals(1, ids.size(), "loop tasks ran on threads " + ids);
        assertNotEquals(Thread.currentThread().threadId(), ids.iterator().next(), "the loop is not the caller");
    }

    @Test
    @DisplayName("ASYNC-12: on a single-threaded loop, 10,000 unsynchronised counter++ tasks lose nothing, all on one thread")
    void noLockNeededBetweenAwaits() {
        var outcome = EventLoopNoLocks.incrementsBetweenAwaits(10_000);

        assertOneLoopThread(outcome);
        assertEquals(10_000, outcome.counter());
    }

    @Test
    @DisplayName("ASYNC-12: read, await, write loses updates even on one thread: 10 tasks end at 1, every run")
    void readAwaitWriteLosesUpdates() {
        var outcome = EventLoopNoLocks.brokenReadAwaitWrite(10, D);

        assertOneLoopThread(outcome);
        assertEquals(1, outcome.counter());
        assertEquals(9, outcome.lost());
    }

    @Test
    @DisplayName("ASYNC-12: reading and writing after the await, with the same tasks, loses nothing")
    void updateAfterAwaitIsExact() {
        var outcome = EventLoopNoLocks.updateAfterAwait(10, D);

        assertOneLoopThread(outcome);
        assertEquals(10, outcome.counter());
    }

    @Test
    @DisplayName("ASYNC-12: main's contrast runs the same plain ++ on four distinct pool threads")
    void contrastUsesFourThreads() {
        var outcome = EventLoopNoLocks.unsafeOnFourThreads(4_000);

        // Only the structure is asserted; whether updates vanish is LCK-01's forced race.
        assertEquals(4_000, outcome.updates());
        assertTrue(outcome.counter() <= 4_000 && outcome.counter() > 0, outcome::toString);
        assertEquals(4, outcome.loopThreadIds().size(), outcome::toString);
    }
}
