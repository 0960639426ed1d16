package cookbook.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestSupportTest {

    @Test
    @DisplayName("StartGate: no contender runs before open(), all run after it")
    void startGateHoldsThenReleasesEveryone() {
        var gate = new StartGate(3);
        var ran = new AtomicInteger();
        var threads = gate.startPlatformThreads("contender-", List.of(ran::incrementAndGet,
                ran::incrementAndGet, ran::incrementAndGet));
        threads.forEach(ThreadStateProbe::awaitParked);
        assertEquals(0, ran.get(), "nobody passes a closed gate");
        gate.open();
        StartGate.joinAll(threads, Duration.ofSeconds(10));
        assertEquals(3, ran.get());
    }

    @Test
    @DisplayName("ThreadStateProbe: sees a thread park on a latch")
    void threadStateProbeSeesParking() {
        var latch = new CountDownLatch(1);
        try (var waiter = BlockingThread.start("waiter", latch::await)) {
            ThreadStateProbe.awaitWaiting(waiter.thread());
            assertFalse(waiter.hasEnded());
            latch.countDown();
            assertNull(waiter.awaitEnd(), "await() returned normally once the latch opened");
        }
    }

    @Test
    @DisplayName("BlockingThread: close() interrupts a parked action and reports what it threw")
    void blockingThreadEndsAParkedActionByInterrupt() {
        var never = new CountDownLatch(1);
        var taker = BlockingThread.start("taker", never::await);
        taker.awaitWaiting().close();
        assertFalse(taker.thread().isAlive());
        assertInstanceOf(InterruptedException.class, taker.awaitEnd());
    }

    @Test
    @DisplayName("RaceWindow: two unsynchronised read-then-write passes lose one update, every run")
    void raceWindowForcesALostUpdate() {
        var window = new RaceWindow();
        long[] shared = {0};
        Runnable increment = () -> {
            long read = shared[0];
            window.run();
            shared[0] = read + 1;
        };
        window.runAll("racer-", List.of(increment, increment));
        assertEquals(1, shared[0], "both read 0 before either wrote");
    }

    @Test
    @DisplayName("RaceWindow: the same window lets a locked read-then-write through, losing nothing")
    void raceWindowLetsALockedSectionThrough() {
        var window = new RaceWindow();
        var lock = new ReentrantLock();
        long[] shared = {0};
        Runnable increment = () -> {
            lock.lock();
            try {
                long read = shared[0];
                window.run();
                shared[0] = read + 1;
            } finally {
                lock.unlock();
            }
        };
        window.runAll("locked-", List.of(increment, increment));
        assertEquals(2, shared[0]);
    }

    @Test
    @DisplayName("DeadlockProbe: finds exactly the two threads of a lock-order cycle")
    void deadlockProbeFindsTheCycle() throws InterruptedException {
        var a = new ReentrantLock();
        var b = new ReentrantLock();
        var bothHoldOne = new CountDownLatch(2);
        Thread first = lockBoth("probe-first", a, b, bothHoldOne);
        Thread second = lockBoth("probe-second", b, a, bothHoldOne);
        try {
            assertEquals(Set.of("probe-first", "probe-second"), DeadlockProbe.awaitDeadlock(first, second));
        } finally {
            first.interrupt();
            second.interrupt();
            first.join();
            second.join();
        }
        assertTrue(DeadlockProbe.deadlockedThreadNames().isEmpty(), "the cycle is broken");
    }

    @Test
    @DisplayName("LeakCheck: a thread started and never ended is reported")
    void leakCheckReportsALeftoverThread() throws InterruptedException {
        var before = LeakCheck.Snapshot.take();
        var release = new CountDownLatch(1);
        Thread straggler = Thread.ofPlatform().name("straggler").daemon(true).start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            var left = before.leftoversAfter(Duration.ofMillis(50));
            assertEquals(List.of(straggler), left.threads());
            assertTrue(left.describe().contains("straggler"));
        } finally {
            release.countDown();
            straggler.join();
        }
        assertTrue(before.leftoversAfter(Duration.ofMillis(50)).isEmpty());
    }

    @Test
    @DisplayName("StartGate: rejects a gate for nobody")
    void startGateNeedsParties() {
        assertThrows(IllegalArgumentException.class, () -> new StartGate(0));
    }

    private static Thread lockBoth(String name, ReentrantLock outer, ReentrantLock inner, CountDownLatch bothHoldOne) {
        return Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                outer.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    inner.lockInterruptibly();
                    inner.unlock();
                } finally {
                    outer.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
