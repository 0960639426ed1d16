package cookbook.locks;

import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks made from a thread other than the test's. A reentrant lock left held by the test
 * thread would let the test thread straight back in; only another thread finds it shut.
 */
final class OtherThread {
    private OtherThread() {
    }

    /**
     * Runs {@code action} on a new thread and fails if the thread parks instead of finishing:
     * a lock it needs was left held. Parked or finished is a structural fact, not a timeout.
     */
    static void assertGoesStraightThrough(String name, BlockingThread.Action action) {
        try (var other = BlockingThread.start(name, action)) {
            ThreadStateProbe.awaitState(other.thread(), Thread.State.WAITING, Thread.State.BLOCKED,
                    Thread.State.TERMINATED);
            assertTrue(other.hasEnded(), name + " parked: the lock it needs was left held\n"
                    + ThreadStateProbe.stackOf(other.thread()));
            assertNull(other.awaitEnd(), name + " threw");
        }
    }

    /**
     * Waits until {@code blocked} either parks or finishes, and fails if it finished: the lock
     * it asked for should have been held by someone else.
     */
    static void assertParks(BlockingThread blocked) {
        ThreadStateProbe.awaitState(blocked.thread(), Thread.State.WAITING, Thread.State.BLOCKED,
                Thread.State.TERMINATED);
        assertFalse(blocked.hasEnded(), blocked.thread().getName() + " got in: nothing shut it out");
    }
}
