package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.SynchronizerToolbox.BoundedSemaphore;
import cookbook.locks.SynchronizerToolbox.Guard;
import cookbook.locks.SynchronizerToolbox.Mailbox;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynchronizerToolboxTest {

    @Test
    @DisplayName("LCK-10: Condition: take() waits (WAITING) until put() signals, then gets the message")
    void conditionHandOff() {
        var mailbox = new Mailbox();
        // Twice: take() empties the slot and lets go of the lock, so the mailbox works again.
        for (String message : List.of("hello", "again")) {
            var got = new AtomicReference<String>();
            try (var taker = BlockingThread.start("taker", () -> got.set(mailbox.take()))) {
                taker.awaitWaiting();
                assertNull(got.get());
                OtherThread.assertGoesStraightThrough("putter", () -> mailbox.put(message));
                assertNull(taker.awaitEnd());
            }
            assertEquals(message, got.get());
        }
    }

    @Test
    @DisplayName("LCK-10: Semaphore(3) with 10 tasks: exactly 3 are ever inside at once, and all 10 finish")
    void semaphoreCapsConcurrency() throws InterruptedException {
        assertEquals(new SynchronizerToolbox.Crowd(3, 10), SynchronizerToolbox.peakConcurrency(3, 10));
    }

    @Test
    @DisplayName("LCK-10: Java's Semaphore grows past its permits on release; the BoundedSemaphore throws")
    void boundedSemaphoreRefusesExtraRelease() throws InterruptedException {
        assertEquals(3, SynchronizerToolbox.overReleasedPermits(2));
        var bounded = new BoundedSemaphore(2);
        bounded.acquire();
        bounded.acquire();
        assertEquals(0, bounded.availablePermits());
        bounded.release();
        bounded.release();
        assertThrows(IllegalStateException.class, bounded::release);
        assertEquals(2, bounded.availablePermits());
    }

    @Test
    @DisplayName("LCK-10: Timer: the task runs no earlier than its delay, and never if cancelled first")
    void timerRunsAfterDelayUnlessCancelled() throws InterruptedException {
        Duration delay = Duration.ofMillis(50);
        var fired = SynchronizerToolbox.timer(delay, false);
        assertTrue(fired.ran());
        assertTrue(fired.after().compareTo(delay) >= 0, "ran after " + fired.after());
        assertTrue(fired.after().compareTo(delay.plusSeconds(10)) < 0, "ran after " + fired.after());
        assertFalse(SynchronizerToolbox.timer(Duration.ofSeconds(5), true).ran());
    }

    @Test
    @DisplayName("LCK-10: a timer's outcome prints for humans, in milliseconds")
    void timerOutcomePrintsForHumans() {
        assertEquals("ran after 300 ms", new SynchronizerToolbox.TimerOutcome(true, Duration.ofMillis(300)).toString());
        assertEquals("did not run", new SynchronizerToolbox.TimerOutcome(false, Duration.ZERO).toString());
    }

    @Test
    @DisplayName("LCK-10: Barrier: nobody passes before the third arrives; the action runs once per generation")
    void barrierHoldsUntilAllArrive() throws Exception {
        var actions = new AtomicInteger();
        var barrier = new CyclicBarrier(3, actions::incrementAndGet);
        List<String> passed = new CopyOnWriteArrayList<>();
        for (int generation = 1; generation <= 2; generation++) {
            try (var runner0 = BlockingThread.start("runner-0", () -> passed.add(arrive(barrier)));
                 var runner1 = BlockingThread.start("runner-1", () -> passed.add(arrive(barrier)))) {
                runner0.awaitWaiting();
                runner1.awaitWaiting();
                assertEquals(2 * (generation - 1), passed.size(), "nobody passed with two of three there");
                assertEquals(generation - 1, actions.get());
                barrier.await();
                assertNull(runner0.awaitEnd());
                assertNull(runner1.awaitEnd());
            }
            assertEquals(2 * generation, passed.size());
            assertEquals(generation, actions.get());
        }
    }

    private static String arrive(CyclicBarrier barrier) throws Exception {
        barrier.await();
        return Thread.currentThread().getName();
    }

    @Test
    @DisplayName("LCK-10: Guard, Python's with lock: holds the lock inside the block and releases it after")
    void guardReleasesOnExit() {
        var lock = new ReentrantLock();
        try (var g = Guard.lock(lock)) {
            assertTrue(lock.isHeldByCurrentThread());
        }
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, () -> {
            try (var g = Guard.lock(lock)) {
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(lock.isLocked(), "released even when the block throws");
    }
}
