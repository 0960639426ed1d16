package cookbook.locks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexManyThreadsTest {

    @Test
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
