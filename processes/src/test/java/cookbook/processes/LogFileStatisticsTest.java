package cookbook.processes;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.LogFileStatistics.Outcome;
import cookbook.processes.LogFileStatistics.Stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertFalse(outcome.callbackThreads().contains(Thread.currentThread()), "a callback ran on the caller");
        assertTrue(outcome.callbackThreads().stream().allMatch(t -> t.getName().startsWith("log-stats-launcher-")),
                outcome.callbackThreads().toString());
    }

    @Test
    @DisplayName("PROC-16: a thread pool in one JVM gives the same statistics as the child processes")
    void threadsAgreeWithProcesses() {
        var outcome = LogFileStatistics.withThreads(files, 2);

        assertEquals(EXPECTED, outcome.byFile());
        assertFalse(outcome.callbackThreads().contains(Thread.currentThread()), "a callback ran on the caller");
    }

    @Test
    @DisplayName("PROC-16: every callback runs on a thread of the pool, never on the caller, even when the work finished before the callback was attached")
    void callbacksRunOnPoolThreads() {
        var poolThreads = ConcurrentHashMap.<Thread>newKeySet();
        ThreadFactory names = Thread.ofPlatform().name("test-log-stats-", 0).factory();
        Outcome outcome;
        try (var pool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = names.newThread(task);
            poolThreads.add(thread);
            return thread;
        })) {
            // execute() returns only once the task is done, so each file's work has finished before its
            // callback is attached: a plain thenAccept would then run the callback on this test's thread.
            Executor finishFirst = task -> CompletableFuture.runAsync(task, pool).join();
            outcome = LogFileStatistics.withThreads(files, finishFirst);
        }

        assertEquals(EXPECTED, outcome.byFile());
        assertFalse(outcome.callbackThreads().contains(Thread.currentThread()), "a callback ran on the caller");
        assertTrue(poolThreads.containsAll(outcome.callbackThreads()),
                "callbacks on " + outcome.callbackThreads() + ", pool threads " + poolThreads);
    }

    @Test
    @DisplayName("PROC-16: a file that cannot be read gives one clear error naming it, from a thread or from a child JVM")
    void unreadableFileGivesAClearError() {
        Path missing = dir.resolve("missing.log");

        var inThreads = assertThrows(UncheckedIOException.class, () -> LogFileStatistics.withThreads(List.of(missing), 2));
        assertTrue(inThreads.getMessage().startsWith("could not read " + missing) && inThreads.getMessage()
                .contains("NoSuchFileException"), inThreads.getMessage());

        var inChild = assertThrows(IllegalStateException.class,
                () -> LogFileStatistics.withProcesses(List.of(missing), 1, dir, Duration.ofSeconds(20)));
        assertTrue(inChild.getMessage().contains("could not count missing.log (exit code 2)")
                && inChild.getMessage().contains("could not read " + missing), inChild.getMessage());
    }
}
