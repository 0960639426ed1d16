package cookbook.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.LogFileStatistics.Stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFileStatisticsTest {
    @TempDir
    Path dir;

    private List<Path> files;

    @BeforeEach
    void writeLogs() throws Exception {
        files = List.of(
                Files.writeString(dir.resolve("a.log"), """
                        127.0.0.1 - - [21/Mar/2021] "GET /" 200
                        10.0.0.1, 10.0.0.2 - - [21/Mar/2021] "GET /a" 200

                        10.0.0.1 - - [21/Mar/2021] "GET /b" 200
                        192.168.1.7 - - [21/Mar/2021] "GET /c" 404
                        127.0.0.1 - - [21/Mar/2021] "GET /d" 200
                        """),
                Files.writeString(dir.resolve("b.log"), """
                        10.1.1.1 - - [21/Mar/2021] "GET /" 200
                        10.1.1.1 - - [21/Mar/2021] "GET /" 200
                        """),
                Files.writeString(dir.resolve("c.log"), ""));
    }

    private static final Map<String, Stats> EXPECTED = Map.of(
            "a.log", new Stats(5, 3), "b.log", new Stats(2, 1), "c.log", new Stats(0, 0));

    @Test
    @DisplayName("PROC-16: one child JVM per file counts lines and distinct IPs: a.log (5, 3), b.log (2, 1), c.log (0, 0)")
    void childProcessesCountEachFile() {
        var outcome = LogFileStatistics.withProcesses(files, 2, dir, Duration.ofSeconds(20));

        assertEquals(EXPECTED, outcome.byFile());
        assertTrue(outcome.callbackThreads().stream().allMatch(t -> t.startsWith("log-stats-launcher-")),
                outcome.callbackThreads().toString());
    }

    @Test
    @DisplayName("PROC-16: a thread pool in one JVM gives the same statistics as the child processes")
    void threadsAgreeWithProcesses() {
        var outcome = LogFileStatistics.withThreads(files, 2);

        assertEquals(EXPECTED, outcome.byFile());
        assertTrue(outcome.callbackThreads().stream().allMatch(t -> t.startsWith("log-stats-")));
    }
}
