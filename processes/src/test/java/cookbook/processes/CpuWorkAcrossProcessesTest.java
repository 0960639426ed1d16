package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuWorkAcrossProcessesTest {
    private static final long N = 10_000_000;
    // Minutes of counting for each child: only being destroyed can end one within seconds.
    private static final long FOREVER = 1_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-17: two child JVMs, three threads each, count and sum halves of 0..n: the parent adds them up exactly")
    void processesSplitTheRange() throws Exception {
        var outcome = CpuWorkAcrossProcesses.withProcesses(N, 2, 3, dir, Duration.ofSeconds(20));

        assertEquals(N, outcome.count());
        assertEquals(N * (N - 1) / 2, outcome.sum());
        assertEquals(Collections.nCopies(6, "Thread task executed"), outcome.childLines());
        assertTrue(outcome.elapsed().isPositive() && outcome.elapsed().compareTo(Duration.ofSeconds(20)) < 0,
                outcome.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("PROC-17: two threads in one JVM give the same count and sum, with no launch and no IPC")
    void threadsGiveTheSameAnswer() throws Exception {
        var outcome = CpuWorkAcrossProcesses.withThreads(N, 2);

        assertEquals(N, outcome.count());
        assertEquals(N * (N - 1) / 2, outcome.sum());
        // The wall time main compares: positive, and well inside the test's own time limit.
        assertTrue(outcome.elapsed().isPositive() && outcome.elapsed().compareTo(Duration.ofSeconds(20)) < 0,
                outcome.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("PROC-17: a child that does not finish within the timeout is reported, and no child is left running")
    void slowChildIsReportedAndEveryChildDestroyed() {
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());

        var e = assertThrows(IllegalStateException.class,
                () -> CpuWorkAcrossProcesses.withProcesses(FOREVER, 2, 3, dir, Duration.ofMillis(1)));

        assertTrue(e.getMessage().contains("did not finish cleanly"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its stderr"), e.getMessage());
        // The first child failed the wait; the second, still counting, ends only because it was destroyed.
        for (ProcessHandle child : ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).toList()) {
            assertTrue(child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null,
                    "child " + child.pid() + " still runs 10 s after withProcesses gave up");
        }
    }
}
