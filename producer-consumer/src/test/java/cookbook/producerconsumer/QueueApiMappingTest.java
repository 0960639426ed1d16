package cookbook.producerconsumer;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueApiMappingTest {
    private static final Duration TIMEOUT = Duration.ofMillis(50);

    @Test
    @DisplayName("PC-05: every Python Queue call maps to a Java call with the result the table states")
    void everyRowOfTheTableHolds() throws InterruptedException {
        var tour = QueueApiMapping.tour(TIMEOUT);

        // empty(), put_nowait, put, qsize(), full()
        assertEquals(true, tour.row("isEmpty()").result());
        assertEquals(true, tour.row("offer(1)").result());
        assertEquals("returned", tour.row("put(2)").result());
        assertEquals(2, tour.row("size()").result());
        assertEquals(true, tour.row("remainingCapacity() == 0").result());
        // Full: offer answers false, add throws, the timed offer waits, then answers false.
        assertEquals(false, tour.row("offer(3)").result());
        var full = assertInstanceOf(IllegalStateException.class, tour.row("add(3)").result());
        assertEquals("Queue full", full.getMessage());
        var timedOffer = tour.row("offer(3, t, MILLISECONDS)");
        assertEquals(false, timedOffer.result());
        assertWaitedAbout(timedOffer.waited());
        // get(), get_nowait(), and Empty: poll answers null, remove throws, the timed poll waits.
        assertEquals(1, tour.row("take()").result());
        assertEquals(2, tour.row("poll()").result());
        assertNull(tour.row("poll() on empty").result());
        assertInstanceOf(NoSuchElementException.class, tour.row("remove()").result());
        var timedPoll = tour.row("poll(t, MILLISECONDS)");
        assertNull(timedPoll.result());
        assertWaitedAbout(timedPoll.waited());
        // What Python has no word for: null is refused, drainTo empties in one call.
        assertInstanceOf(NullPointerException.class, tour.row("put(null)").result());
        assertEquals("2 moved: [10, 11]", tour.row("drainTo(list)").result());
        assertEquals(0, tour.row("size() after drainTo").result());
        assertEquals(List.of(2, 0, 2), tour.remainingCapacity());
        // Two producers put 60 each, a consumer took 25: once joined, size() is exact.
        assertEquals(2 * 60 - 25, tour.row("size() == puts - takes").result());
    }

    /** A timed call never returns early; the upper bound only catches a call that blocked for good. */
    private static void assertWaitedAbout(Duration waited) {
        assertTrue(waited.compareTo(TIMEOUT) >= 0, "waited " + waited);
        assertTrue(waited.compareTo(TIMEOUT.plusSeconds(5)) < 0, "waited " + waited);
    }
}
