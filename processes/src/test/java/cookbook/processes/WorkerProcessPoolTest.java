package cookbook.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.WorkerProcessPool.Result;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerProcessPoolTest {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    record Callback(String value, long workerPid, Thread thread, long pid) {
    }

    @Test
    @DisplayName("PROC-15: apply_async with callbacks: 'end' comes first, every callback runs in the parent on a pool I/O thread, and the 3 workers are reused")
    void callbacksRunInTheParentAndWorkersAreReused() throws Exception {
        var d = Duration.ofMillis(300);
        var events = Collections.synchronizedList(new ArrayList<String>());
        var callbacks = Collections.synchronizedList(new ArrayList<Callback>());
        try (var pool = WorkerProcessPool.start(3, dir, START)) {
            Set<Long> started = pool.workerPids();
            var futures = new ArrayList<CompletableFuture<Result>>();
            long begin = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.applyAsync("plus100", i + "," + d.toMillis(), r -> {
                    events.add("callback");
                    callbacks.add(new Callback(r.value(), r.workerPid(), Thread.currentThread(), ProcessHandle.current().pid()));
                }));
            }
            events.add("end");
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
            var elapsed = Duration.ofNanos(System.nanoTime() - begin);

            assertEquals("end", events.getFirst());
            assertEquals(Set.of("100", "101", "102", "103", "104", "105"),
                    callbacks.stream().map(Callback::value).collect(Collectors.toSet()));
            assertTrue(callbacks.stream().allMatch(c -> c.pid() == ProcessHandle.current().pid()));
            // By identity: every callback ran on one of the pool's I/O threads, none on this test's thread.
            var threads = callbacks.stream().map(Callback::thread).collect(Collectors.toSet());
            assertFalse(threads.contains(Thread.currentThread()));
            assertTrue(pool.ioThreads().containsAll(threads), "callbacks on " + threads + ", pool " + pool.ioThreads());
            // Six tasks, three JVMs: every answer came from a worker started by start(), and the pool's pids
            // are the same afterwards, so no JVM was started for a task. (Which worker took which task is
            // up to the scheduler.)
            assertEquals(3, started.size());
            assertEquals(started, pool.workerPids());
            var served = callbacks.stream().map(Callback::workerPid).collect(Collectors.toSet());
            assertTrue(started.containsAll(served), "served by " + served + ", pool " + started);
            // Two waves of d on three workers: at least 2d, upper bound with wide slack.
            assertTrue(elapsed.compareTo(d.multipliedBy(2)) >= 0, "elapsed " + elapsed);
            assertTrue(elapsed.compareTo(d.multipliedBy(2).plusSeconds(10)) < 0, "elapsed " + elapsed);
        }
    }

    @Test
    @DisplayName("PROC-15: apply blocks for one answer; map returns the answers in input order; an unknown task or a bad argument is the task's error, not the worker's end")
    void applyAndMap() throws Exception {
        var pool = WorkerProcessPool.start(2, dir, START);
        try {
            Set<Long> started = pool.workerPids();
            assertEquals("49", pool.apply("square", "7", TIMEOUT).value());
            assertEquals(List.of("1", "4", "9", "16", "25"), pool.map("square", List.of("1", "2", "3", "4", "5"), TIMEOUT)
                    .stream().map(Result::value).toList());

            var unknown = assertThrows(IllegalArgumentException.class, () -> pool.apply("cube", "2", TIMEOUT));
            assertTrue(unknown.getMessage().contains("rejected task 'cube': unknown task 'cube'"), unknown.getMessage());
            var bad = assertThrows(IllegalArgumentException.class, () -> pool.apply("square", "seven", TIMEOUT));
            assertTrue(bad.getMessage().contains("bad argument 'seven' for square"), bad.getMessage());
            var badInMap = assertThrows(IllegalArgumentException.class, () -> pool.map("square", List.of("1", "x"), TIMEOUT));
            assertTrue(badInMap.getMessage().contains("bad argument 'x' for square"), badInMap.getMessage());

            assertEquals("64", pool.apply("square", "8", TIMEOUT).value());
            assertEquals(started, pool.workerPids());
        } finally {
            pool.close();
        }
        // Idle workers are not killed at close: each reads the end of its stdin and exits by itself.
        for (int place = 0; place < 2; place++) {
            assertTrue(Files.readString(dir.resolve("pool-worker-" + place + ".err")).contains("exits: its stdin ended"),
                    "worker " + place + " was killed instead");
        }
    }

    @Test
    @DisplayName("PROC-15: workers that cannot start in time fail start() with one line saying what they said, and none is left behind")
    void workersThatCannotStartFailStart() {
        // 1 ms is too short for any JVM to start, so every worker misses it.
        var failure = assertThrows(IllegalStateException.class, () -> WorkerProcessPool.start(3, dir, Duration.ofMillis(1)));
        assertTrue(failure.getMessage().matches("(?s)worker \\d+ did not say it was ready: it said nothing within 1 ms"
                + " \\(exit code 137\\); check that this JDK's java starts with this class path.*"), failure.getMessage());
        // No assertion needed for the other two workers: LeakCheck fails this test if any is still alive.
    }

    @Test
    @DisplayName("PROC-15: a worker that crashes, answers garbage or hangs past the task's timeout fails its task with a clear error and is replaced")
    void misbehavingWorkersGiveClearErrorsAndAreReplaced() throws Exception {
        try (var pool = WorkerProcessPool.start(1, dir, START)) {
            long first = pool.workerPids().iterator().next();
            var crash = assertThrows(IllegalStateException.class, () -> pool.apply("crash", "", TIMEOUT));
            assertTrue(crash.getMessage().startsWith("worker " + first + " died while running task 'crash' (exit code 3)")
                    && crash.getMessage().contains("crashing on purpose"), crash.getMessage());
            long second = assertAnsweredByAFreshWorker(pool, first);

            var garbage = assertThrows(IllegalStateException.class, () -> pool.apply("garbage", "", TIMEOUT));
            assertTrue(garbage.getMessage().startsWith("worker " + second
                    + " answered garbage to task 'garbage' ('this is not the protocol')"), garbage.getMessage());
            long third = assertAnsweredByAFreshWorker(pool, second);

            var hang = assertThrows(IllegalStateException.class, () -> pool.apply("hang", "", Duration.ofSeconds(1)));
            assertTrue(hang.getMessage().startsWith("worker " + third + " gave no answer to task 'hang' within 1.0 s"),
                    hang.getMessage());
            assertAnsweredByAFreshWorker(pool, third);
        }
    }

    @Test
    @DisplayName("PROC-15: a worker killed while it runs a task fails that task's future; a fresh worker runs the next task")
    void killedWorkerFailsItsTaskAndIsReplaced() throws Exception {
        try (var pool = WorkerProcessPool.start(1, dir, START)) {
            long victim = pool.workerPids().iterator().next();
            var running = pool.applyAsync("hang", "", r -> { });
            awaitHanging();
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            var failure = assertThrows(ExecutionException.class, running::get);
            assertTrue(failure.getCause().getMessage().startsWith("worker " + victim
                    + " died while running task 'hang' (exit code 137)"), failure.getCause().getMessage());
            assertAnsweredByAFreshWorker(pool, victim);
        }
    }

    @Test
    @DisplayName("PROC-15: close() returns and completes every future: the running task's, the queued one's, and one submitted after close")
    void closeStrandsNoCaller() throws Exception {
        var pool = WorkerProcessPool.start(1, dir, START);
        CompletableFuture<Result> running;
        CompletableFuture<Result> queued;
        try {
            running = pool.applyAsync("hang", "", r -> { });
            awaitHanging();
            queued = pool.applyAsync("square", "2", r -> { });
        } finally {
            pool.close();
        }
        // No waiting: close() has returned, so every future must already be complete.
        assertFailedWith(running, "pool closed while task 'hang' was running");
        assertFailedWith(queued, "pool closed before task 'square' ran");
        assertFailedWith(pool.applyAsync("square", "3", r -> { }), "pool closed before task 'square' ran");
        assertTrue(pool.workerPids().isEmpty());
    }

    @Test
    @DisplayName("PROC-15: a worker keeps System.out for its protocol and points System.out at stderr, so a chatty library cannot corrupt the answers")
    void chattyLibraryCannotCorruptTheProtocol() throws Exception {
        try (var pool = WorkerProcessPool.start(1, dir, START)) {
            assertEquals("hello", pool.apply("chatty", "hello", TIMEOUT).value());
            assertTrue(Files.readString(dir.resolve("pool-worker-0.err")).contains("a library talking on System.out"));
        }
    }

    @Test
    @Timeout(90)
    @DisplayName("PROC-15: a worker busy on a task ends when its parent is killed with SIGKILL, instead of working on as an orphan")
    void busyWorkerEndsWithItsKilledParent() throws Exception {
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", HangingPoolParent.class.getName(), dir.toString());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProcessHandle worker = null;
        try {
            var pidLine = CompletableFuture.supplyAsync(() -> parent.inputReader().lines()
                    .filter(l -> l.startsWith("busy worker ")).findFirst().orElse("parent ended without a worker"));
            String line = pidLine.get(START.toSeconds() * 2, TimeUnit.SECONDS);
            assertTrue(line.startsWith("busy worker "), "the parent JVM did not start its worker: " + line);
            worker = ProcessHandle.of(Long.parseLong(line.substring("busy worker ".length()))).orElseThrow();
            parent.destroyForcibly().waitFor();

            // The worker is no child of ours now: onExit() polls it, every few hundred milliseconds.
            var ended = worker.onExit();
            assertDoesNotThrow(() -> ended.get(20, TimeUnit.SECONDS), "worker " + worker.pid() + " outlived its killed parent");
            assertTrue(Files.readString(dir.resolve("pool-worker-0.err")).contains("exits: its parent " + parent.pid() + " ended"));
        } finally {
            parent.destroyForcibly();
            if (worker != null) {
                worker.destroyForcibly();
            }
        }
    }

    /** A parent JVM for the test above: one worker, busy on a task that never ends; prints the worker's pid. */
    public static final class HangingPoolParent {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            var pool = WorkerProcessPool.start(1, dir, START);
            pool.applyAsync("hang", "", r -> { });
            await().atMost(TIMEOUT).until(() -> Files.readString(dir.resolve("pool-worker-0.err")).contains("hangs on purpose"));
            System.out.println("busy worker " + pool.workerPids().iterator().next());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** The next task is answered by a worker that is not {@code failed}, and that worker is now the pool's. */
    private static long assertAnsweredByAFreshWorker(WorkerProcessPool pool, long failed) throws InterruptedException {
        var result = pool.apply("square", "3", TIMEOUT);
        assertEquals("9", result.value());
        assertNotEquals(failed, result.workerPid());
        assertEquals(Set.of(result.workerPid()), pool.workerPids());
        return result.workerPid();
    }

    /** Waits until the only worker has taken the hang task: it says so on stderr before it sleeps. */
    private void awaitHanging() {
        await().atMost(TIMEOUT).until(() -> Files.readString(dir.resolve("pool-worker-0.err")).contains("hangs on purpose"));
    }

    private static void assertFailedWith(CompletableFuture<Result> future, String message) {
        assertTrue(future.isCompletedExceptionally(), future.toString());
        var failure = assertThrows(ExecutionException.class, future::get);
        assertEquals(message, failure.getCause().getMessage());
    }
}
