package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuWorkAcrossProcessesTest {
    private static final long N = 10_000_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-17: two child JVMs, three threads each, count and sum halves of 0..n: the parent adds them up exactly")
    void processesSplitTheRange() throws Exception {
        var outcome = CpuWorkAcrossProcesses.withProcesses(N, 2, 3, dir, Duration.ofSeconds(20));

        assertEquals(N, outcome.count());
        assertEquals(N * (N - 1) / 2, outcome.sum());
        assertEquals(Collections.nCopies(6, "Thread task executed"), outcome.childLines());
    }

    @Test
    @DisplayName("PROC-17: two threads in one JVM give the same count and sum, with no launch and no IPC")
    void threadsGiveTheSameAnswer() throws Exception {
        var outcome = CpuWorkAcrossProcesses.withThreads(N, 2);

        assertEquals(N, outcome.count());
        assertEquals(N * (N - 1) / 2, outcome.sum());
    }
}
