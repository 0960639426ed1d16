package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeBetweenProcessesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    // Far more than a Linux pipe holds (64 KiB), so an undrained child must block.
    private static final int ONE_MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-08: a writer piped into a reader delivers A..E in order, and the reader ends by itself at end-of-input")
    void pipelineDeliversInOrderAndEndsAtEof() throws Exception {
        var outcome = PipeBetweenProcesses.pipeline(List.of("A", "B", "C", "D", "E"), Duration.ofMillis(20), TIMEOUT, dir);

        assertEquals(List.of("read: A", "read: B", "read: C", "read: D", "read: E", "end of input: the writer is done"),
                outcome.readerOutput());
        assertEquals(0, outcome.writerExit());
        assertEquals(0, outcome.readerExit());
    }

    @Test
    @DisplayName("PROC-08: waitFor() on a child whose 1 MiB of output nobody reads times out (deadlock); draining lets it finish")
    void undrainedPipeDeadlocksUntilDrained() throws Exception {
        var outcome = PipeBetweenProcesses.waitBeforeDrainingDeadlocks(ONE_MIB, Duration.ofSeconds(1), TIMEOUT, dir);

        assertFalse(outcome.finishedOnFirstWait());
        assertEquals(ONE_MIB, outcome.bytesDrained());
        assertTrue(outcome.finishedAfterDraining());
        assertEquals(0, outcome.exitCode());
    }

    @Test
    @DisplayName("PROC-08: with a drainer thread reading stdout, waitFor() returns and every byte arrives")
    void drainerPreventsTheDeadlock() throws Exception {
        var outcome = PipeBetweenProcesses.waitWhileDraining(ONE_MIB, TIMEOUT, dir);

        assertTrue(outcome.finishedOnFirstWait());
        assertEquals(ONE_MIB, outcome.bytesDrained());
        assertEquals(0, outcome.exitCode());
    }

    @Test
    @DisplayName("PROC-08: a pipeline that does not end within its timeout is reported, and both children are destroyed")
    void slowPipelineIsReportedAndDestroyed() {
        var e = assertThrows(IllegalStateException.class, () -> PipeBetweenProcesses.pipeline(
                List.of("A", "B", "C"), Duration.ofSeconds(5), Duration.ofMillis(1), dir));

        assertTrue(e.getMessage().contains("did not end within 1 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its stderr"), e.getMessage());
        // The leak check (test-support's LeakCheck) fails this test if a child outlives it.
    }
}
