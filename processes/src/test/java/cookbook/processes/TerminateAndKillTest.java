package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.TerminateAndKill.Stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminateAndKillTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-07: destroy() sends SIGTERM: exit code 143 (Python -15), the child's shutdown hook runs, its file lock is released")
    void destroyTerminatesGracefully() throws Exception {
        var outcome = TerminateAndKill.run(dir, Stop.DESTROY, TIMEOUT);

        assertEquals(143, outcome.exitCode());
        assertEquals(-15, outcome.pythonExitCode());
        assertTrue(outcome.shutdownHookRan());
        assertTrue(outcome.lockHeldBeforeStop());
        assertTrue(outcome.lockFreeAfterStop());
        assertFalse(outcome.aliveAfter());
        assertTrue(outcome.reaped());
    }

    @Test
    @DisplayName("PROC-07: destroyForcibly() sends SIGKILL: exit code 137 (Python -9), no shutdown hook, yet the OS releases its file lock")
    void destroyForciblyKillsWithoutCleanup() throws Exception {
        var outcome = TerminateAndKill.run(dir, Stop.DESTROY_FORCIBLY, TIMEOUT);

        assertEquals(137, outcome.exitCode());
        assertEquals(-9, outcome.pythonExitCode());
        assertFalse(outcome.shutdownHookRan());
        assertTrue(outcome.lockHeldBeforeStop());
        assertTrue(outcome.lockFreeAfterStop());
        assertFalse(outcome.aliveAfter());
        assertTrue(outcome.reaped());
    }
}
