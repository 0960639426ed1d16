package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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

    @Test
    @DisplayName("PROC-07: only exit codes above 128 (128 + signal) become Python's negative ones: 0, 1 and 128 stay, 129 -> -1, 137 -> -9, 143 -> -15")
    void onlyCodesAboveOneTwentyEightAreSignals() {
        assertEquals(List.of(0, 1, 128, -1, -9, -15),
                Stream.of(0, 1, 128, 129, 137, 143).map(TerminateAndKill::pythonExitCode).toList());
    }
}
