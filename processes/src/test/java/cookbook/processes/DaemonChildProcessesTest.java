package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.DaemonChildProcesses.ParentEnding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonChildProcessesTest {
    // Far longer than a JVM start on a loaded machine: the watcher must notice long before.
    private static final Duration DAEMON_WORK = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-06: when the parent is killed (SIGKILL), the child watching it ends without writing end123; the independent child outlives it and writes end456")
    void watcherEndsWithAKilledParentIndependentChildOutlivesIt() throws Exception {
        var outcome = DaemonChildProcesses.run(dir, ParentEnding.KILLED, DAEMON_WORK, TIMEOUT);

        assertEquals(137, outcome.parentExitCode());
        assertFalse(outcome.watcherNoticed().isEmpty(), "the watcher recorded how it noticed");
        assertFalse(outcome.end123Written());
        assertTrue(outcome.independentAliveAfterParent());
        assertTrue(outcome.end456Written());
    }

    @Test
    @DisplayName("PROC-06: when the parent's main returns, Java does not wait for its children: the watcher ends with it, the independent child lives on")
    void watcherEndsWhenTheParentReturns() throws Exception {
        var outcome = DaemonChildProcesses.run(dir, ParentEnding.RETURNS, DAEMON_WORK, TIMEOUT);

        assertEquals(0, outcome.parentExitCode());
        assertFalse(outcome.end123Written());
        assertTrue(outcome.independentAliveAfterParent());
        assertTrue(outcome.end456Written());
    }
}
