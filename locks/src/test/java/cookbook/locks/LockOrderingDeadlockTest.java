package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.DeadlockProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockOrderingDeadlockTest {

    private static List<String> printedBy(List<String> printed, String digit) {
        return printed.stream().filter(p -> p.startsWith(digit)).toList();
    }

    @Test
    @DisplayName("LCK-06: opposite lock order deadlocks; ThreadMXBean finds a cycle of exactly task1 and task2; interrupt breaks it")
    void oppositeOrderDeadlocks() throws InterruptedException {
        var running = LockOrderingDeadlock.startOppositeOrder();
        try (running) {
            Set<String> cycle = DeadlockProbe.awaitDeadlock(running.threads().toArray(Thread[]::new));
            assertEquals(Set.of("task1", "task2"), cycle);
            assertEquals(Set.of("1", "2"), Set.copyOf(running.printed()), "each printed its first line only");
            assertEquals(2, running.printed().size());
        }
        for (Thread t : running.threads()) {
            assertEquals(Thread.State.TERMINATED, t.getState(), t.getName());
        }
        assertEquals(Set.of(), DeadlockProbe.deadlockedThreadNames());
    }

    @Test
    @DisplayName("LCK-06: with one global lock order both tasks complete and print their four lines in order")
    void orderedLocksComplete() throws InterruptedException {
        var outcome = LockOrderingDeadlock.orderedLocks();
        assertEquals(List.of("1", "11", "111", "1111"), printedBy(outcome.printed(), "1"));
        assertEquals(List.of("2", "22", "222", "2222"), printedBy(outcome.printed(), "2"));
    }

    @Test
    @DisplayName("LCK-06: tryLock with timeout and back-off survives the forced opposite order and completes")
    void tryLockWithBackoffCompletes() throws InterruptedException {
        var outcome = LockOrderingDeadlock.tryLockWithBackoff(Duration.ofMillis(20));
        assertEquals(List.of("1", "11", "111", "1111"), printedBy(outcome.printed(), "1"));
        assertEquals(List.of("2", "22", "222", "2222"), printedBy(outcome.printed(), "2"));
        assertTrue(outcome.retries() >= 1, "both held one lock, so at least one task had to back off");
    }

    @Test
    @DisplayName("LCK-06: Guava's CycleDetectingLockFactory throws PotentialDeadlockException on the wrong order")
    void guavaFailsFastOnTheWrongOrder() throws InterruptedException {
        var outcome = LockOrderingDeadlock.cycleDetecting();
        assertEquals(List.of("1", "11", "111", "1111", "2", "PotentialDeadlockException"), outcome.printed());
    }
}
