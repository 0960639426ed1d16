package cookbook.async;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentSleepsTest {
    private static final Duration D = Duration.ofMillis(100);

    @Test
    @DisplayName("ASYNC-05: on the loop both tasks print before either wakes: 1, 3, 2, 4, all on one loop thread")
    void orderOnTheLoop() {
        var outcome = ConcurrentSleeps.run(D, D);

        assertEquals(List.of("1", "3", "2", "4"), outcome.printed());
        assertEquals(List.of("event-loop"), outcome.threads().stream().distinct().toList());
        // One loop thread by identity: a pool of threads all named "event-loop" would pass the name check.
        List<Long> ids = outcome.threadIds().stream().distinct().toList();
        assertEquals(1, ids.size(), outcome::toString);
        assertNotEquals(Thread.currentThread().threadId(), ids.getFirst());
    }

    @Test
    @DisplayName("ASYNC-05: the two sleeps overlap, so the total is about one sleep, not the sum")
    void sleepsOverlap() {
        var outcome = ConcurrentSleeps.run(D, D);

        // Structure first: both were asleep at the same moment. When 3 is printed func1 sleeps;
        // when 2 is printed (func1 awake) func2 still sleeps; at the end nobody does.
        assertEquals(2, outcome.maxSleepingAtOnce());
        assertEquals(List.of(0, 1, 1, 0), outcome.asleepAtEachPrint());
        // Then the clock: at least one sleep; the upper bound is wide on purpose.
        assertTrue(outcome.elapsed().compareTo(D) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.plusSeconds(10)) < 0, "elapsed " + outcome.elapsed());
    }
}
