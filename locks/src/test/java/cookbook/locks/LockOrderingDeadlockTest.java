package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.LockOrderingDeadlock.BackOff;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.DeadlockProbe;
import cookbook.testsupport.ThreadStateProbe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockOrderingDeadlockTest {

    private static List<String> printedBy(List<String> printed, String digit) {
        return printed.stream().filter(p -> p.startsWith(digit)).toList();
    }

    @RepeatedTest(3)
    @DisplayName("LCK-06: opposite lock order deadlocks; ThreadMXBean finds a cycle of exactly task1 and task2; interrupt breaks it")
    void oppositeOrderDeadlocks() throws InterruptedException {
        var tasks = LockOrderingDeadlock.startOppositeOrderDeadlock();
        try (tasks; var main = BlockingThread.start("main", tasks::await)) {
            assertEquals(List.of("task1", "task2"), tasks.threads().stream().map(Thread::getName).toList());
            Set<String> cycle = DeadlockProbe.awaitDeadlock(tasks.threads().toArray(Thread[]::new));
            assertEquals(Set.of("task1", "task2"), cycle);
            assertEquals(Set.of("1", "2"), Set.copyOf(tasks.printed()), "each printed its first line only");
            assertEquals(2, tasks.printed().size());
            // Like the seed's program, whoever waits for the two tasks hangs with them.
            OtherThread.assertParks(main);
        }
        for (Thread t : tasks.threads()) {
            assertEquals(Thread.State.TERMINATED, t.getState(), t.getName());
        }
        assertEquals(Set.of(), DeadlockProbe.deadlockedThreadNames());
    }

    @RepeatedTest(3)
    @DisplayName("LCK-06: with one global lock order the same rendezvous cannot deadlock: the second task waits holding nothing")
    void globalOrderCompletes() throws InterruptedException {
        try (var tasks = LockOrderingDeadlock.startGlobalOrder()) {
            // The first task holds lock1 until the second is queued for it. Had the second
            // taken lock2 first, this is exactly where the two would deadlock.
            await().atMost(ThreadStateProbe.PATIENCE).until(() -> tasks.threads().stream().noneMatch(Thread::isAlive)
                    || !DeadlockProbe.deadlockedThreadNames().isEmpty());
            assertEquals(Set.of(), DeadlockProbe.deadlockedThreadNames(), "one global order cannot deadlock");
            var printed = tasks.await().printed();
            assertEquals(List.of("1", "11", "111", "1111"), printedBy(printed, "1"));
            assertEquals(List.of("2", "22", "222", "2222"), printedBy(printed, "2"));
            // The second task printed nothing until the first had let go of lock1: it waited for
            // lock1 holding nothing.
            String first = printed.getFirst();
            String second = first.equals("1") ? "2" : "1";
            assertTrue(printed.indexOf(second) > printed.indexOf(first.repeat(3)), printed.toString());
        }
    }

    @RepeatedTest(3)
    @DisplayName("LCK-06: tryLock with timeout and back-off survives the forced opposite order and completes")
    void tryLockWithBackoffCompletes() throws InterruptedException {
        Duration timeout = Duration.ofMillis(30);
        long begin = System.nanoTime();
        var outcome = LockOrderingDeadlock.tryLockWithBackoff(timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);

        assertEquals(List.of("1", "11", "111", "1111"), printedBy(outcome.printed(), "1"));
        assertEquals(List.of("2", "22", "222", "2222"), printedBy(outcome.printed(), "2"));
        assertFalse(outcome.backOffs().isEmpty(), "both held one lock, so at least one task had to back off");
        // A task that backs off holds no lock for at least its pause: the other task's chance.
        for (BackOff b : outcome.backOffs()) {
            assertTrue(b.keptOff().compareTo(b.pause()) >= 0 && b.keptOff().compareTo(elapsed) <= 0, b.toString());
        }
        // And each back-off came after a failed tryLock that waited its whole timeout.
        for (String task : List.of("task1", "task2")) {
            Duration spent = outcome.backOffs().stream().filter(b -> b.task().equals(task))
                    .map(b -> timeout.plus(b.pause())).reduce(Duration.ZERO, Duration::plus);
            assertTrue(elapsed.compareTo(spent) >= 0, task + " backed off for " + spent + " in " + elapsed);
        }
    }

    @Test
    @DisplayName("LCK-06: task 1 backs off between one and two timeouts, task 2 between two and three: never in lock-step")
    void backOffsNeverOverlap() {
        Duration timeout = Duration.ofMillis(20);
        for (int i = 0; i < 1_000; i++) {
            Duration one = LockOrderingDeadlock.backOff(1, timeout);
            Duration two = LockOrderingDeadlock.backOff(2, timeout);
            assertTrue(one.compareTo(timeout) >= 0 && one.compareTo(timeout.multipliedBy(2)) <= 0, one.toString());
            assertTrue(two.compareTo(timeout.multipliedBy(2)) >= 0 && two.compareTo(timeout.multipliedBy(3)) <= 0,
                    two.toString());
        }
    }

    @Test
    @DisplayName("LCK-06: a back-off prints for humans, in milliseconds")
    void backOffPrintsForHumans() {
        assertEquals("task2 backed off 45 ms, held nothing for 46 ms",
                new BackOff("task2", Duration.ofMillis(45), Duration.ofMillis(46)).toString());
    }

    @Test
    @DisplayName("LCK-06: Guava's CycleDetectingLockFactory throws PotentialDeadlockException on the wrong order")
    void guavaFailsFastOnTheWrongOrder() throws InterruptedException {
        var outcome = LockOrderingDeadlock.cycleDetecting();
        assertEquals(List.of("1", "11", "111", "1111", "2", "PotentialDeadlockException"), outcome.printed());
    }
}
