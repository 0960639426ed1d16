package cookbook.threads;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.ThreadStates.CpuUse;
import cookbook.threads.ThreadStates.Observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadStatesTest {
    /** Parked, a thread uses nothing; a few milliseconds leave room for measuring noise. */
    private static final Duration NOISE = Duration.ofMillis(5);
    private static final Duration DWELL = Duration.ofMillis(200);

    @Test
    @DisplayName("THR-10: one platform thread passes through all six states: NEW, RUNNABLE, BLOCKED, WAITING, TIMED_WAITING, TERMINATED")
    void allSixStatesInOrder() throws InterruptedException {
        var walk = ThreadStates.walk(Duration.ofMillis(10));

        List<Thread.State> states = walk.observed().stream().map(Observation::state).toList();
        assertEquals(List.of(Thread.State.NEW, Thread.State.RUNNABLE, Thread.State.BLOCKED,
                Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED), states);
        assertEquals(EnumSet.allOf(Thread.State.class), EnumSet.copyOf(states));
    }

    @Test
    @DisplayName("THR-10: a waiting thread gets no time slices: its CPU time barely grows while it waits, unlike while it spins")
    void waitingUsesNoCpu() throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported(), "this JVM cannot measure a thread's CPU time");
        // A JVM with the measurement switched off reads -1 every time, which would pass as
        // "no CPU used": the recipe must switch it back on.
        threads.setThreadCpuTimeEnabled(false);
        try {
            var walk = ThreadStates.walk(DWELL);

            var waitingUse = walk.whileWaiting().orElseThrow();
            Duration waiting = waitingUse.cpu();
            Duration spinning = walk.whileSpinning().orElseThrow().cpu();
            // Measured over the whole dwell, not an instant.
            assertMeasuredOverTheDwell(waitingUse.wall());
            assertTrue(waiting.compareTo(NOISE) < 0, "CPU while waiting " + waiting);
            // How much a spinner gets depends on the load; that it gets more than a parked
            // thread does not.
            assertTrue(spinning.compareTo(waiting) > 0, "CPU while spinning " + spinning + ", while waiting " + waiting);
        } finally {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    @Test
    @DisplayName("THR-10: a platform thread sitting in the native accept() reports RUNNABLE, not BLOCKED or WAITING, yet uses no CPU; closing the socket ends it")
    void socketAcceptIsRunnable() throws Exception {
        var accepting = ThreadStates.stateInSocketAccept(DWELL);

        // Sampled once the thread was inside the native call, not on its way there.
        assertTrue(accepting.topFrame().isNativeMethod(), "top frame " + accepting.topFrame());
        assertEquals("accept", accepting.topFrame().getMethodName());
        assertEquals(Thread.State.RUNNABLE, accepting.state());
        assertTrue(accepting.endedOnClose(), "closing the socket ends the blocked accept()");
        assumeTrue(accepting.cpu().isPresent(), "this JVM cannot measure a thread's CPU time");
        var use = accepting.cpu().get();
        assertMeasuredOverTheDwell(use.wall());
        assertTrue(use.cpu().compareTo(NOISE) < 0, "CPU while in accept() " + use.cpu());
    }

    @Test
    @DisplayName("THR-10: durations are printed for humans, 16 ms or 1.2 s, never PT0.016S")
    void durationsForHumans() {
        HumanDurations.check(ThreadStates::human);
        assertEquals("3 ms of CPU in 1.2 s", ThreadStates.human(new CpuUse(Duration.ofMillis(3), Duration.ofMillis(1234))));
    }

    private static void assertMeasuredOverTheDwell(Duration wall) {
        assertTrue(wall.compareTo(DWELL) >= 0 && wall.compareTo(Duration.ofMinutes(1)) < 0, "measured over " + wall);
    }
}
