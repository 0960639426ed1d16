package cookbook.locks;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.LostUpdates.Counter;
import cookbook.testsupport.RaceWindow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LostUpdatesTest {

    /** +1 on one thread, -1 on another, both forced through the read/write window together. */
    private static long forcedPlusMinus(Counter counter) {
        var window = new RaceWindow();
        window.runAll("counter-", List.of(() -> counter.add(+1, window), () -> counter.add(-1, window)));
        return counter.value();
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: the unsafe counter loses an update when both threads read before either writes")
    void unsafeCounterLosesAnUpdate() {
        long result = forcedPlusMinus(new LostUpdates.UnsafeCounter());
        assertTrue(result == 1 || result == -1, "one of the two writes must be lost, got " + result);
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: volatile alone does not help: read-then-write still loses an update")
    void volatileCounterStillLosesAnUpdate() {
        long result = forcedPlusMinus(new LostUpdates.VolatileCounter());
        assertTrue(result == 1 || result == -1, "one of the two writes must be lost, got " + result);
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: synchronized, ReentrantLock, AtomicLong and LongAdder lose nothing under the same forcing")
    void safeCountersLoseNothing() {
        List<Supplier<Counter>> safe = List.of(LostUpdates.SynchronizedCounter::new, LostUpdates.LockedCounter::new,
                LostUpdates.AtomicCounter::new, LostUpdates.AdderCounter::new);
        for (var counter : safe) {
            Counter c = counter.get();
            assertEquals(0, forcedPlusMinus(c), c.getClass().getSimpleName());
        }
    }

    @Test
    @DisplayName("LCK-01: the seed's +1/-1 loops end at exactly 0 on every safe counter")
    void seedLoopsEndAtZeroWhenSafe() throws InterruptedException {
        for (Counter c : List.of(new LostUpdates.SynchronizedCounter(), new LostUpdates.LockedCounter(),
                new LostUpdates.AtomicCounter(), new LostUpdates.AdderCounter())) {
            var outcome = LostUpdates.plusMinus(c, 100_000);
            assertEquals(0, outcome.result(), outcome.counter());
        }
    }
}
