package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.FileLockedOutputBlocks.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileLockedOutputBlocksTest {
    private static final Duration PAUSE = Duration.ofMillis(40);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-13: without a lock the three children's lines interleave round by round")
    void unlockedLinesInterleave() throws Exception {
        var outcome = FileLockedOutputBlocks.run(Mode.UNSAFE, 3, 3, PAUSE, dir, TIMEOUT);

        assertEquals(9, outcome.lines().size());
        for (int round = 0; round < 3; round++) {
            // Each round of three lines holds one line of every child, all with the same number.
            var block = outcome.lines().subList(round * 3, round * 3 + 3);
            assertEquals(3, block.stream().map(FileLockedOutputBlocksTest::child).distinct().count(), block.toString());
            int n = round;
            assertTrue(block.stream().allMatch(line -> line.endsWith(":" + n)), block.toString());
        }
    }

    @Test
    @DisplayName("PROC-13: under FileChannel.lock(), through the same window, the file is three whole blocks, each child's lines 0, 1, 2 in order")
    void lockedBlocksStayWhole() throws Exception {
        var outcome = FileLockedOutputBlocks.run(Mode.FILE_LOCK, 3, 3, PAUSE, dir, TIMEOUT);

        List<String> lines = outcome.lines();
        assertEquals(9, lines.size());
        for (int block = 0; block < 3; block++) {
            String owner = child(lines.get(block * 3));
            for (int i = 0; i < 3; i++) {
                assertEquals("progress:" + owner + "--progress_number:" + i, lines.get(block * 3 + i), lines.toString());
            }
        }
        // The seed's three writers, Progress1 to Progress3, one block each.
        assertEquals(Set.of("Progress1", "Progress2", "Progress3"),
                Set.copyOf(lines.stream().map(FileLockedOutputBlocksTest::child).toList()));
    }

    @Test
    @DisplayName("PROC-13: the locked blocks run one after another: 3 children x 3 lines x d take at least 9d")
    void lockedBlocksAreSerialised() throws Exception {
        var outcome = FileLockedOutputBlocks.run(Mode.FILE_LOCK, 3, 3, PAUSE, dir, TIMEOUT);

        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(9)) >= 0, "elapsed " + outcome.elapsed().toMillis() + " ms");
        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(9).plusSeconds(15)) < 0, "elapsed " + outcome.elapsed().toMillis() + " ms");
    }

    private static String child(String line) {
        return line.substring("progress:".length(), line.indexOf("--"));
    }

    @Test
    @DisplayName("PROC-13: children that stay silent past the timeout give a clear error, and none is left running")
    void silentChildrenAreReportedAndDestroyed() {
        var e = assertThrows(IllegalStateException.class,
                () -> FileLockedOutputBlocks.run(Mode.UNSAFE, 2, 1, PAUSE, dir, Duration.ofMillis(1)));

        assertTrue(e.getMessage().contains("silent for 1 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its stderr"), e.getMessage());
        // The leak check (test-support's LeakCheck) fails this test if a child outlives it.
    }
}
