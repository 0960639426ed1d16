package cookbook.locks;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexManyThreadsTest {

    // Thread.start() waits for the new OS thread to check in, so 20,000 starts cost 20,000
    // scheduling hand-offs: about 2 s on an idle 2-core machine, but 30 s when other
    // processes keep both cores busy. This one test gets more than the default 30 s.
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("LCK-02: 20,000 platform threads, one mutex: the count is exactly 20,000")
    void platformThreadsCountExactly() throws InterruptedException {
        var outcome = MutexManyThreads.count(Thread.ofPlatform().name("t-", 0), 20_000);
        assertFalse(outcome.virtual());
        assertEquals(20_000, outcome.count());
    }

    @Test
    @DisplayName("LCK-02: 20,000 virtual threads, one mutex: the count is exactly 20,000")
    void virtualThreadsCountExactly() throws InterruptedException {
        var outcome = MutexManyThreads.count(Thread.ofVirtual().name("vt-", 0), 20_000);
        assertTrue(outcome.virtual());
        assertEquals(20_000, outcome.count());
    }
}
