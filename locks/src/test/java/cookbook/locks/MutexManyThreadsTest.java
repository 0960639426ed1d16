package cookbook.locks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import cookbook.locks.MutexManyThreads.Outcome;
import cookbook.locks.MutexManyThreads.SharedNumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexManyThreadsTest {

    private static void assertTimedInsideTheCall(Outcome outcome, long wallNanos) {
        assertTrue(!outcome.elapsed().isNegative() && outcome.elapsed().toNanos() <= wallNanos, outcome.toString());
    }

    @RepeatedTest(3)
    @DisplayName("LCK-02: the mutex makes a forced collision harmless: two increments inside the window count 2")
    void forcedCollisionCountsBoth() {
        var number = new SharedNumber();
        var window = new CountingWindow();
        // The first thread in holds the lock at the window; the second, shut out by the lock,
        // lets it go on. Without the lock both would read 0 and the count would be 1.
        window.runAll("t-", List.of(() -> number.increment(window), () -> number.increment(window)));
        assertEquals(2, number.value());
        assertEquals(2, window.passes(), "both increments went through the window");
        OtherThread.assertGoesStraightThrough("t-2", number::increment);
        assertEquals(3, number.value(), "value() let go of the lock");
    }

    // Thread.start() waits for the new OS thread to check in, so 20,000 starts cost 20,000
    // scheduling hand-offs: about 2 s on an idle 2-core machine, but 30 s when other
    // processes keep both cores busy. This one test gets more than the default 30 s.
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("LCK-02: 20,000 platform threads, one mutex: the count is exactly 20,000")
    void platformThreadsCountExactly() throws InterruptedException {
        long begin = System.nanoTime();
        var outcome = MutexManyThreads.count(Thread.ofPlatform().name("t-", 0), 20_000);
        assertTimedInsideTheCall(outcome, System.nanoTime() - begin);
        assertFalse(outcome.virtual());
        assertEquals(20_000, outcome.threads());
        assertEquals(20_000, outcome.count());
    }

    @Test
    @DisplayName("LCK-02: 20,000 virtual threads, one mutex: the count is exactly 20,000")
    void virtualThreadsCountExactly() throws InterruptedException {
        long begin = System.nanoTime();
        var outcome = MutexManyThreads.count(Thread.ofVirtual().name("vt-", 0), 20_000);
        assertTimedInsideTheCall(outcome, System.nanoTime() - begin);
        assertTrue(outcome.virtual());
        assertEquals(20_000, outcome.count());
    }
}
