package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessLaunchAndPidsTest {
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-01: the child reports the pid the parent was given and the parent JVM's pid as its parent")
    void childReportsItsPidAndParentPid() throws Exception {
        var outcome = ProcessLaunchAndPids.launch("my_progress", PAUSE, TIMEOUT, dir);

        assertEquals("my_progress", outcome.report().name());
        assertEquals(outcome.launchedPid(), outcome.report().pid());
        assertEquals(ProcessHandle.current().pid(), outcome.report().parentPid());
        assertEquals(ProcessHandle.current().pid(), outcome.parentPid());
        assertNotEquals(outcome.parentPid(), outcome.report().pid());
    }

    @Test
    @DisplayName("PROC-01: the child is alive before waitFor(), has exited with code 0 after it, and waitFor() took at least its sleep")
    void waitForWaitsForTheEnd() throws Exception {
        var outcome = ProcessLaunchAndPids.launch("my_progress", PAUSE, TIMEOUT, dir);

        assertTrue(outcome.aliveBeforeWait());
        assertFalse(outcome.aliveAfterWait());
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.elapsed().compareTo(PAUSE) >= 0, "elapsed " + outcome.elapsed().toMillis() + " ms");
        // JVM start-up is part of it: the upper bound is only there to catch a real hang.
        assertTrue(outcome.elapsed().compareTo(PAUSE.plusSeconds(15)) < 0, "elapsed " + outcome.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("PROC-01: calling the child's logic directly (Python's p.run()) runs it in this process, with this pid")
    void runHereStaysInThisProcess() {
        var report = ProcessLaunchAndPids.runHere("in-process");

        assertEquals(ProcessHandle.current().pid(), report.pid());
    }

    @Test
    @DisplayName("PROC-01: a child that crashes gives a clear error with its exit code and the tail of its stderr")
    void crashingChildGivesAClearError() {
        // The child refuses a blank name: its main throws, so its JVM exits with code 1.
        var e = assertThrows(IllegalStateException.class,
                () -> ProcessLaunchAndPids.launch(" ", PAUSE, TIMEOUT, dir));

        assertTrue(e.getMessage().contains("exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("a process needs a name"), e.getMessage());
    }

    @Test
    @DisplayName("PROC-01: a child that hangs is destroyed after the timeout and reported, never waited for forever")
    void hangingChildIsDestroyedAfterTheTimeout() {
        var e = assertThrows(IllegalStateException.class,
                () -> ProcessLaunchAndPids.launch("sleepy", Duration.ofHours(1), Duration.ofSeconds(2), dir));

        assertTrue(e.getMessage().contains("did not finish within 2000 ms"), e.getMessage());
    }
}
