package cookbook.async;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventLoopNoLocksTest {
    private static final Duration D = Duration.ofMillis(20);

    @Test
    @DisplayName("ASYNC-12: on a single-threaded loop, 10,000 unsynchronised counter++ tasks lose nothing")
    void noLockNeededBetweenAwaits() {
        var outcome = EventLoopNoLocks.incrementsBetweenAwaits(10_000);

        assertEquals(10_000, outcome.counter());
    }

    @Test
    @DisplayName("ASYNC-12: read, await, write loses updates even on one thread: 10 tasks end at 1, every run")
    void readAwaitWriteLosesUpdates() {
        var outcome = EventLoopNoLocks.brokenReadAwaitWrite(10, D);

        assertEquals(1, outcome.counter());
        assertEquals(9, outcome.lost());
    }

    @Test
    @DisplayName("ASYNC-12: reading and writing after the await, with the same tasks, loses nothing")
    void updateAfterAwaitIsExact() {
        var outcome = EventLoopNoLocks.updateAfterAwait(10, D);

        assertEquals(10, outcome.counter());
    }
}
