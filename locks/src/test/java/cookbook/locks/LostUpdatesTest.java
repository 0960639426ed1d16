package cookbook.locks;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.LostUpdates.Counter;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LostUpdatesTest {
    // Unequal deltas: +1/-1 would end at 0 for an adder and a subtracter alike, and a lost
    // update would show as +1 or -1 either way. +7 and -3 end at 4 only if both were added,
    // and at 7 or -3 (never -7 or 3) if one was lost.
    private static final long UP = +7;
    private static final long DOWN = -3;

    private static final List<Supplier<Counter>> SAFE = List.of(LostUpdates.LockedCounter::new,
            LostUpdates.SynchronizedCounter::new, LostUpdates.AtomicCounter::new, LostUpdates.AdderCounter::new);

    /** What a forced run ended at, and how many times the two adds went through the window. */
    private record Forced(long value, int passes) {
    }

    /** +7 on one thread, -3 on another, both forced through the read/write window together. */
    private static Forced forced(Counter counter) {
        var window = new CountingWindow();
        window.runAll("counter-", List.of(() -> counter.add(UP, window), () -> counter.add(DOWN, window)));
        return new Forced(counter.value(), window.passes());
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: the unsafe counter loses an update when both threads read before either writes")
    void unsafeCounterLosesAnUpdate() {
        var run = forced(new LostUpdates.UnsafeCounter());
        assertTrue(Set.of(UP, DOWN).contains(run.value()), "one of the two writes must be lost, got " + run);
        assertEquals(2, run.passes());
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: volatile alone does not help: read-then-write still loses an update")
    void volatileCounterStillLosesAnUpdate() {
        var run = forced(new LostUpdates.BrokenVolatileCounter());
        assertTrue(Set.of(UP, DOWN).contains(run.value()), "one of the two writes must be lost, got " + run);
        assertEquals(2, run.passes());
    }

    @RepeatedTest(5)
    @DisplayName("LCK-01: ReentrantLock, synchronized, AtomicLong and LongAdder lose nothing under the same forcing")
    void safeCountersLoseNothing() {
        for (var counter : SAFE) {
            Counter c = counter.get();
            var run = forced(c);
            String name = c.getClass().getSimpleName();
            assertEquals(UP + DOWN, run.value(), name);
            // Both adds really went through the window; the atomic counter's losing
            // compare-and-set read again and went through it a third time.
            assertEquals(c instanceof LostUpdates.AtomicCounter ? 3 : 2, run.passes(), name);
        }
    }

    @Test
    @DisplayName("LCK-01: reading a safe counter lets go of its lock: another thread's add goes straight through")
    void valueReleasesTheLock() {
        for (var counter : SAFE) {
            Counter c = counter.get();
            c.add(UP);
            assertEquals(UP, c.value());
            OtherThread.assertGoesStraightThrough("adder", () -> c.add(DOWN));
            assertEquals(UP + DOWN, c.value(), c.getClass().getSimpleName());
        }
    }

    @Test
    @DisplayName("LCK-01: the seed's experiment: one thread adds 1 n times, another subtracts 1 n times")
    void seedExperimentShape() throws InterruptedException {
        // A counter that records who added what: the experiment's structure, whatever the sum.
        Map<Long, LongAdder> calls = new ConcurrentHashMap<>();
        Map<Long, Set<Thread>> callers = new ConcurrentHashMap<>();
        Counter recording = new Counter() {
            @Override
            public void add(long delta, Runnable window) {
                calls.computeIfAbsent(delta, d -> new LongAdder()).increment();
                callers.computeIfAbsent(delta, d -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
            }

            @Override
            public long value() {
                return 0;
            }
        };
        LostUpdates.plusMinus(recording, 1_000);
        assertEquals(Set.of(+1L, -1L), calls.keySet());
        assertEquals(1_000, calls.get(+1L).sum());
        assertEquals(1_000, calls.get(-1L).sum());
        assertEquals(1, callers.get(+1L).size(), "all +1 from one thread");
        assertEquals(1, callers.get(-1L).size(), "all -1 from one thread");
        assertNotEquals(callers.get(+1L), callers.get(-1L), "two different threads");
    }

    @Test
    @DisplayName("LCK-01: the seed's +1/-1 loops end at exactly 0 on every safe counter")
    void seedLoopsEndAtZeroWhenSafe() throws InterruptedException {
        for (var counter : SAFE) {
            long begin = System.nanoTime();
            var outcome = LostUpdates.plusMinus(counter.get(), 100_000);
            long wall = System.nanoTime() - begin;
            assertEquals(0, outcome.result(), outcome.counter());
            // The reported time is measured inside the call: never negative, never more than the test saw.
            assertTrue(!outcome.elapsed().isNegative() && outcome.elapsed().toNanos() <= wall, outcome.toString());
        }
    }

    @Test
    @DisplayName("LCK-01: plusMinus reads the counter only after both threads have ended (it joins the slower one too)")
    void plusMinusWaitsForBothThreads() throws InterruptedException {
        // The subtractor is held inside its first add until the caller has either ended or
        // begun waiting for the subtractor itself: only a join can wait on that thread.
        var subtractorIn = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var subtractor = new AtomicReference<Thread>();
        var valueReadEarly = new AtomicBoolean();
        Counter held = new Counter() {
            private final AtomicLong value = new AtomicLong();

            @Override
            public void add(long delta, Runnable window) {
                if (delta < 0 && subtractor.compareAndSet(null, Thread.currentThread())) {
                    subtractorIn.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                value.addAndGet(delta);
            }

            @Override
            public long value() {
                valueReadEarly.set(release.getCount() > 0);
                return value.get();
            }
        };
        var result = new AtomicLong(-1);
        try (var caller = BlockingThread.start("caller", () -> result.set(LostUpdates.plusMinus(held, 1).result()))) {
            subtractorIn.await();
            awaitEndedOrJoining(caller.thread(), subtractor.get());
            release.countDown();
            assertNull(caller.awaitEnd());
        }
        assertFalse(valueReadEarly.get(), "value() was read while the subtractor was still running");
        assertEquals(0, result.get());
    }

    /** Until {@code caller} has ended, or waits on {@code target}'s monitor (Thread.join waits there). */
    private static void awaitEndedOrJoining(Thread caller, Thread target) {
        var threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + ThreadStateProbe.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            ThreadInfo info = threads.getThreadInfo(caller.threadId());
            if (info == null || caller.getState() == Thread.State.TERMINATED) {
                return;
            }
            LockInfo waitingOn = info.getLockInfo();
            if (info.getThreadState() == Thread.State.WAITING && waitingOn != null
                    && waitingOn.getIdentityHashCode() == System.identityHashCode(target)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("caller neither ended nor joined " + target.getName() + ": "
                + ThreadStateProbe.stackOf(caller));
    }
}
