package cookbook.threads;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.ThreadApiTour.DaemonRules;
import cookbook.threads.ThreadApiTour.Liveness;
import cookbook.threads.ThreadApiTour.TimedJoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadApiTourTest {

    @Test
    @DisplayName("THR-03: a builder numbers names worker-0, worker-1, sets the daemon flag, and every thread gets its own id")
    void builderNamesIdsAndDaemon() {
        var builder = Thread.ofPlatform().name("worker-", 0).daemon(true);
        var first = ThreadApiTour.identify(builder.unstarted(() -> { }));
        var second = ThreadApiTour.identify(builder.unstarted(() -> { }));
        var plain = ThreadApiTour.identify(Thread.ofPlatform().name("plain").daemon(false).unstarted(() -> { }));

        assertEquals("worker-0", first.name());
        assertEquals("worker-1", second.name());
        assertTrue(first.daemon() && second.daemon());
        assertFalse(plain.daemon());
        assertNotEquals(first.id(), second.id());
        assertTrue(first.id() > 0 && second.id() > 0);
        assertFalse(first.virtual());
    }

    @Test
    @DisplayName("THR-03: isAlive() is true only between start and end; enumeration lists a live platform thread, never a virtual one")
    void livenessAndEnumeration() throws InterruptedException {
        assertEquals(new Liveness(false, true, false, true, false, false), ThreadApiTour.liveness("listed"));
    }

    @Test
    @DisplayName("THR-03: join(timeout) on a thread still sleeping returns false and the thread is still alive; interrupt() ends it, flag restored")
    void timedJoinReturnsFalse() throws InterruptedException {
        assertEquals(new TimedJoin(false, true, true, true),
                ThreadApiTour.timedJoin(Duration.ofSeconds(20), Duration.ofMillis(50)));
    }

    @Test
    @DisplayName("THR-03: setDaemon after start throws IllegalThreadStateException; virtual threads are always daemons")
    void daemonFlagRules() throws InterruptedException {
        assertEquals(new DaemonRules("IllegalThreadStateException", true, "IllegalArgumentException", true),
                ThreadApiTour.daemonRules());
        assertTrue(ThreadApiTour.identify(Thread.ofVirtual().unstarted(() -> { })).daemon());
    }

    @Test
    @DisplayName("THR-03: the JVM waits at exit for a non-daemon thread, and its finally block runs")
    void jvmWaitsForNonDaemon() throws Exception {
        Duration sleep = Duration.ofMillis(300);
        var exit = ThreadApiTour.childJvmExit(false, sleep);

        // Exactly what the program printed: a JVM banner on standard error (JAVA_TOOL_OPTIONS)
        // never mixes in.
        assertEquals(List.of("main returns", "sleeper woke up", "sleeper finally"), exit.output(), "stderr: " + exit.errors());
        assertEquals(0, exit.exitCode(), "stderr: " + exit.errors());
        assertTrue(exit.lifetime().compareTo(sleep) >= 0, "lifetime " + exit.lifetime());
    }

    @Test
    @DisplayName("THR-03: the child's output is exactly what its program printed, even when the JVM prints a JAVA_TOOL_OPTIONS banner")
    void jvmBannerStaysOutOfTheOutput() throws Exception {
        var exit = ThreadApiTour.childJvmExit(false, Duration.ZERO, Map.of("JAVA_TOOL_OPTIONS", "-Dcookbook.banner=1"));

        assertEquals(List.of("main returns", "sleeper woke up", "sleeper finally"), exit.output(), "stderr: " + exit.errors());
        assertTrue(exit.errors().contains("Picked up JAVA_TOOL_OPTIONS: -Dcookbook.banner=1"), "stderr: " + exit.errors());
    }

    @Test
    @DisplayName("THR-03: the JVM exits without waiting for a daemon thread, whose finally block never runs")
    void jvmAbandonsDaemon() throws Exception {
        // A minute-long nap: the child can only finish within the test's timeout by abandoning it.
        var exit = ThreadApiTour.childJvmExit(true, Duration.ofMinutes(1));

        assertEquals(List.of("main returns"), exit.output(), "stderr: " + exit.errors());
        assertEquals(0, exit.exitCode(), "stderr: " + exit.errors());
        assertTrue(exit.lifetime().compareTo(Duration.ofMinutes(1)) < 0, "lifetime " + exit.lifetime());
    }

    @Test
    @DisplayName("THR-03: durations are printed for humans, 16 ms or 1.2 s, never PT0.016S")
    void durationsForHumans() {
        HumanDurations.check(ThreadApiTour::human);
    }
}
