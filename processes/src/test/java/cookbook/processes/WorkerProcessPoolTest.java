package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.WorkerProcessPool.Result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerProcessPoolTest {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    record Callback(String value, long workerPid, String thread, long pid) {
    }

    @Test
    @DisplayName("PROC-15: apply_async with callbacks: 'end' comes first, every callback runs in the parent on a pool I/O thread, and the 3 workers are reused")
    void callbacksRunInTheParentAndWorkersAreReused() throws Exception {
        var d = Duration.ofMillis(300);
        var events = Collections.synchronizedList(new ArrayList<String>());
        var callbacks = Collections.synchronizedList(new ArrayList<Callback>());
        try (var pool = WorkerProcessPool.start(3, dir, START)) {
            var futures = new ArrayList<CompletableFuture<Result>>();
            long begin = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.applyAsync("plus100", i + "," + d.toMillis(), r -> {
                    events.add("callback");
                    callbacks.add(new Callback(r.value(), r.workerPid(), Thread.currentThread().getName(),
                            ProcessHandle.current().pid()));
                }));
            }
            events.add("end");
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
            var elapsed = Duration.ofNanos(System.nanoTime() - begin);

            assertEquals("end", events.getFirst());
            assertEquals(Set.of("100", "101", "102", "103", "104", "105"),
                    callbacks.stream().map(Callback::value).collect(Collectors.toSet()));
            assertTrue(callbacks.stream().allMatch(c -> c.pid() == ProcessHandle.current().pid()));
            assertTrue(callbacks.stream().allMatch(c -> c.thread().matches("pool-worker-\\d-io")), callbacks.toString());
            // Six tasks, three JVMs: every answer came from one of the pool's long-lived workers,
            // none was started for a task. (Which worker took which task is up to the scheduler.)
            assertEquals(3, pool.workerPids().size());
            var served = callbacks.stream().map(Callback::workerPid).collect(Collectors.toSet());
            assertTrue(pool.workerPids().containsAll(served), "served by " + served + ", pool " + pool.workerPids());
            // Two waves of d on three workers: at least 2d, upper bound with wide slack.
            assertTrue(elapsed.compareTo(d.multipliedBy(2)) >= 0, "elapsed " + elapsed);
            assertTrue(elapsed.compareTo(d.multipliedBy(2).plusSeconds(10)) < 0, "elapsed " + elapsed);
        }
    }

    @Test
    @DisplayName("PROC-15: apply blocks for one answer; map returns the answers in input order")
    void applyAndMap() throws Exception {
        try (var pool = WorkerProcessPool.start(2, dir, START)) {
            assertEquals("49", pool.apply("square", "7", TIMEOUT).value());
            assertEquals(List.of("1", "4", "9", "16", "25"), pool.map("square", List.of("1", "2", "3", "4", "5"), TIMEOUT)
                    .stream().map(Result::value).toList());
            var unknown = assertThrows(IllegalArgumentException.class, () -> pool.apply("cube", "2", TIMEOUT));
            assertTrue(unknown.getMessage().contains("unknown task cube"), unknown.getMessage());
        }
    }

    @Test
    @DisplayName("PROC-15: a worker that crashes, answers garbage or hangs fails its task with a clear error, never a hang")
    void misbehavingWorkersGiveClearErrors() throws Exception {
        try (var pool = WorkerProcessPool.start(3, dir, START)) {
            var crash = assertThrows(IllegalStateException.class, () -> pool.apply("crash", "", TIMEOUT));
            assertTrue(crash.getMessage().contains("exit code 3") && crash.getMessage().contains("crashing on purpose"),
                    crash.getMessage());

            var garbage = assertThrows(IllegalStateException.class, () -> pool.apply("garbage", "", TIMEOUT));
            assertTrue(garbage.getMessage().contains("answered garbage") && garbage.getMessage().contains("not the protocol"),
                    garbage.getMessage());

            var hang = assertThrows(IllegalStateException.class, () -> pool.apply("hang", "", Duration.ofMillis(500)));
            assertTrue(hang.getMessage().contains("no answer within PT0.5S"), hang.getMessage());
        }
    }
}
