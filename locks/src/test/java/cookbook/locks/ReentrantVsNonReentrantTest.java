package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.DeadlockProbe;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReentrantVsNonReentrantTest {

    @Test
    @DisplayName("LCK-04: two threads taking the mutex in two sequential blocks of 100,000 reach 400,000")
    void sequentialBlocksAreFine() throws InterruptedException {
        assertEquals(400_000, ReentrantVsNonReentrant.sequentialBlocks(2, 100_000));
    }

    @Test
    @DisplayName("LCK-04: ReentrantLock's hold count climbs 1, 2 and falls 1, 0; others get in only at 0")
    void holdCountClimbsAndFalls() throws InterruptedException {
        var outcome = ReentrantVsNonReentrant.holdCounts();
        assertEquals(List.of(1, 2, 1, 0), outcome.holdCounts());
        assertEquals(List.of(false, false, true), outcome.otherThreadGotIn());
    }

    @Test
    @DisplayName("LCK-04: a one-permit Semaphore acquired twice parks the thread (WAITING), unseen by ThreadMXBean")
    void semaphoreDoubleAcquireParks() throws InterruptedException {
        var mutex = new Semaphore(1);
        Thread stuck = Thread.ofPlatform().name("double-acquirer").daemon(true).start(() -> {
            try {
                ReentrantVsNonReentrant.acquireTwice(mutex);
            } catch (InterruptedException e) {
                // expected: the test ends the self-deadlock by interrupting
            }
        });
        try {
            ThreadStateProbe.awaitWaiting(stuck);
            assertFalse(mutex.tryAcquire(200, TimeUnit.MILLISECONDS), "nobody else can get the permit either");
            assertEquals(Thread.State.WAITING, stuck.getState(), "still parked in the second acquire");
            assertFalse(DeadlockProbe.deadlockedThreadNames().contains(stuck.getName()),
                    "a semaphore has no owner, so there is no cycle for ThreadMXBean to find");
        } finally {
            stuck.interrupt();
            assertTrue(stuck.join(Duration.ofSeconds(10)));
        }
        assertEquals(1, mutex.availablePermits(), "the finally block gave the first permit back");
    }

    @Test
    @DisplayName("LCK-04: another thread may release a Semaphore, but unlocking a ReentrantLock it does not hold throws")
    void foreignRelease() throws InterruptedException {
        var outcome = ReentrantVsNonReentrant.releaseFromAnotherThread();
        assertEquals(1, outcome.semaphorePermitsAfter());
        assertEquals("IllegalMonitorStateException", outcome.reentrantLockError());
    }
}
