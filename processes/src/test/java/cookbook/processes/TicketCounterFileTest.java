package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TicketCounterFileTest {
    private static final Duration PAUSE = Duration.ofMillis(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-14: without a lock four children that all read before writing sell one ticket: 10 -> 9")
    void unlockedChildrenLoseUpdates() throws Exception {
        var outcome = TicketCounterFile.run(false, 10, 4, PAUSE, dir, TIMEOUT);

        assertEquals(List.of(10, 10, 10, 10), outcome.reads());
        assertEquals(9, outcome.left());
    }

    @Test
    @DisplayName("PROC-14: with FileChannel.lock() on the ticket file four children sell exactly four: 10 -> 6")
    void lockedChildrenAreExact() throws Exception {
        var outcome = TicketCounterFile.run(true, 10, 4, PAUSE, dir, TIMEOUT);

        assertEquals(List.of(10, 9, 8, 7), outcome.reads());
        assertEquals(6, outcome.left());
    }
}
