package cookbook.locks;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.ReentrantVsNonReentrant.TwoBlockCounter;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.DeadlockProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReentrantVsNonReentrantTest {

    @Test
    @DisplayName("LCK-04: two threads taking the mutex in two sequential blocks of 100,000 reach 400,000")
    void sequentialBlocksAreFine() throws InterruptedException {
        assertEquals(400_000, ReentrantVsNonReentrant.sequentialBlocks(2, 100_000));
    }

    @RepeatedTest(3)
    @DisplayName("LCK-04: the one-permit mutex excludes: forced into the same read/write gap, no increment is lost")
    void sequentialBlocksExclude() {
        var counter = new TwoBlockCounter();
        assertEquals(0, counter.value(), "reading gives the permit back: the mutex still admits one");
        // Each pass of one thread waits for the other's pass, or for the other to be parked
        // on the semaphore. Without the mutex both would be inside and every pair of passes
        // would lose one increment: 2 x 2 blocks x 3 loops would count 6, not 12.
        var window = new PermitRaceWindow();
        window.runAll("adder-", List.of(() -> counter.addInTwoBlocks(3, window),
                () -> counter.addInTwoBlocks(3, window)));
        assertEquals(12, counter.value());
        assertEquals(12, window.passes());
        OtherThread.assertGoesStraightThrough("adder-2", () -> counter.addInTwoBlocks(1));
        assertEquals(14, counter.value(), "value() gave its permit back");
    }

    @Test
    @DisplayName("LCK-04: ReentrantLock's hold count climbs 0, 1, 2 and falls 1, 0; others get in only at 0")
    void holdCountClimbsAndFalls() throws InterruptedException {
        var outcome = ReentrantVsNonReentrant.holdCounts();
        assertEquals(List.of(0, 1, 2, 1, 0), outcome.holdCounts());
        assertEquals(List.of(true, false, false, false, true), outcome.otherThreadGotIn());
    }

    @Test
    @DisplayName("LCK-04: a one-permit Semaphore acquired twice parks the thread (WAITING), unseen by ThreadMXBean")
    void semaphoreDoubleAcquireParks() throws InterruptedException {
        var mutex = new Semaphore(1);
        try (var stuck = BlockingThread.start("double-acquirer", () -> ReentrantVsNonReentrant.acquireTwice(mutex))) {
            stuck.awaitWaiting();
            assertFalse(mutex.tryAcquire(200, TimeUnit.MILLISECONDS), "nobody else can get the permit either");
            assertEquals(Thread.State.WAITING, stuck.thread().getState(), "still parked in the second acquire");
            assertFalse(DeadlockProbe.deadlockedThreadNames().contains(stuck.thread().getName()),
                    "a semaphore has no owner, so there is no cycle for ThreadMXBean to find");
            // The only way out: interrupt the second acquire.
            stuck.thread().interrupt();
            assertInstanceOf(InterruptedException.class, stuck.awaitEnd());
        }
        assertEquals(1, mutex.availablePermits(), "the finally block gave the first permit back");
    }

    @Test
    @DisplayName("LCK-04: another thread may release a Semaphore, but unlocking a ReentrantLock it does not hold throws")
    void foreignRelease() throws InterruptedException {
        var outcome = ReentrantVsNonReentrant.releaseFromAnotherThread();
        assertEquals(1, outcome.semaphorePermitsAfter());
        assertEquals("IllegalMonitorStateException", outcome.reentrantLockError());
        assertTrue(outcome.ownerStillHolds(), "the refused unlock changed nothing");
    }
}
