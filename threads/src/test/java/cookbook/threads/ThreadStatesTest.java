package cookbook.threads;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.ThreadStates.Observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadStatesTest {

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
    @DisplayName("THR-10: a waiting thread gets no time slices: its CPU time barely grows while it waits")
    void waitingUsesNoCpu() throws InterruptedException {
        assertTrue(ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported(), "HotSpot measures per-thread CPU time");
        Duration dwell = Duration.ofMillis(200);

        var walk = ThreadStates.walk(dwell);

        // Parked, the thread uses nothing; a few milliseconds leave room for measuring noise.
        assertTrue(walk.cpuWhileWaiting().compareTo(Duration.ofMillis(5)) < 0, "cpu while waiting " + walk.cpuWhileWaiting());
    }

    @Test
    @DisplayName("THR-10: a platform thread blocked in ServerSocket.accept() reports RUNNABLE, not BLOCKED or WAITING")
    void socketAcceptIsRunnable() throws Exception {
        assertEquals(Thread.State.RUNNABLE, ThreadStates.stateInSocketAccept());
    }
}
