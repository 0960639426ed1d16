package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.TicketCounterFile.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketCounterFileTest {
    private static final Duration PAUSE = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-14: without a lock three children that all read before any writes sell one ticket: 10 -> 9")
    void unlockedChildrenLoseUpdates() throws Exception {
        var outcome = TicketCounterFile.run(Mode.UNSAFE, 10, 3, PAUSE, dir, TIMEOUT);

        assertEquals(List.of(10, 10, 10), outcome.reads());
        assertEquals(9, outcome.left());
    }

    @Test
    @DisplayName("PROC-14: with FileChannel.lock() on the ticket file, through the same window, three children sell exactly three: 10 -> 7")
    void lockedChildrenAreExact() throws Exception {
        var outcome = TicketCounterFile.run(Mode.FILE_LOCK, 10, 3, PAUSE, dir, TIMEOUT);

        // Sorted: which child bought first is up to the lock, not to the test.
        assertEquals(List.of(8, 9, 10), outcome.reads().stream().sorted().toList());
        assertEquals(7, outcome.left());
    }

    @Test
    @DisplayName("PROC-14: children that stay silent past the timeout give a clear error, and none is left running")
    void silentChildrenAreReportedAndDestroyed() {
        var e = assertThrows(IllegalStateException.class,
                () -> TicketCounterFile.run(Mode.UNSAFE, 10, 2, PAUSE, dir, Duration.ofMillis(1)));

        assertTrue(e.getMessage().contains("silent for 1 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its stderr"), e.getMessage());
        // The leak check (test-support's LeakCheck) fails this test if a child outlives it.
    }
}
