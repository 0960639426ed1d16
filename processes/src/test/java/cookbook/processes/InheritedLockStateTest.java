package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.InheritedLockState.Event;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InheritedLockStateTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-05: (in one JVM) ten threads arrive and wait while the lock is held, then all ten run after the release")
    void threadsWaitWhileTheLockIsHeld() throws Exception {
        String caller = Thread.currentThread().getName();

        List<Event> events = InheritedLockState.threadsBlockOnHeldLock(10,
                workers -> workers.forEach(ThreadStateProbe::awaitWaiting));

        int release = events.indexOf(new Event(caller, "releases the lock"));
        assertEquals(new Event(caller, "holds the lock"), events.getFirst());
        assertEquals(11, release, "10 arrivals between taking and releasing: " + events);
        assertTrue(events.subList(1, release).stream().allMatch(e -> e.what().equals("here I come")), events.toString());
        List<Event> after = events.subList(release + 1, events.size());
        assertEquals(10, after.size(), events.toString());
        assertTrue(after.stream().allMatch(e -> e.what().equals("666")), events.toString());
        assertEquals(10, after.stream().map(Event::thread).distinct().count(), events.toString());
    }

    @Test
    @DisplayName("PROC-05: (in one JVM) even with no hold at all, the lock is released only after all ten threads have arrived")
    void releaseComesAfterEveryArrivalEvenWithoutAHold() throws Exception {
        String caller = Thread.currentThread().getName();

        List<Event> events = InheritedLockState.threadsBlockOnHeldLock(10, Duration.ZERO);

        int release = events.indexOf(new Event(caller, "releases the lock"));
        assertEquals(11, release, "10 arrivals between taking and releasing: " + events);
        assertTrue(events.subList(release + 1, events.size()).stream().allMatch(e -> e.what().equals("666")),
                events.toString());
    }

    @Test
    @DisplayName("PROC-05: a child JVM sees its own unlocked copy of the parent's held ReentrantLock, but sees the parent's file lock as taken")
    void childSeesAFreshHeapLockButTheParentsFileLock() throws Exception {
        var view = InheritedLockState.whatTheChildSees(dir.resolve("held.lock"), Duration.ofSeconds(20));

        assertFalse(view.heapLockLockedInChild());
        assertTrue(view.heapLockFreeForChild());
        assertFalse(view.fileLockFreeForChild());
        assertFalse(InheritedLockState.LOCK.isLocked(), "the parent released its lock afterwards");
    }

    @Test
    @DisplayName("PROC-05: (in one JVM) when the code run under the lock fails, the lock is still released and every thread has finished when the failure arrives")
    void failureUnderTheLockStillReleasesAndJoins() {
        var workers = new ArrayList<Thread>();

        var e = assertThrows(IllegalStateException.class, () -> InheritedLockState.threadsBlockOnHeldLock(10, waiting -> {
            workers.addAll(waiting);
            waiting.forEach(ThreadStateProbe::awaitWaiting);
            throw new IllegalStateException("the check under the lock failed");
        }));

        assertEquals("the check under the lock failed", e.getMessage());
        assertEquals(10, workers.size());
        assertTrue(workers.stream().noneMatch(Thread::isAlive), "every thread joined before the failure came out");
    }
}
