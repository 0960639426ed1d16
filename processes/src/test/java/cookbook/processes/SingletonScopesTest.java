package cookbook.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.SingletonScopes.MachineState;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingletonScopesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final UnaryOperator<MachineState> BUMP = s -> new MachineState(s.id(), s.counter() + 1);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-19: a ThreadLocal singleton is the same twice on one thread and different on another")
    void perThreadSingleton() throws Exception {
        var seen = SingletonScopes.perThread(2);

        assertEquals(Set.of("singleton-thread-0", "singleton-thread-1"), seen.keySet());
        List<String> first = seen.get("singleton-thread-0");
        List<String> second = seen.get("singleton-thread-1");
        assertEquals(first.get(0), first.get(1));
        assertEquals(second.get(0), second.get(1));
        assertNotEquals(first.get(0), second.get(0));
    }

    @Test
    @DisplayName("PROC-19: a static singleton is unique per JVM: each of three children sees its own, twice the same, and none is the parent's")
    void perProcessSingleton() throws Exception {
        var outcome = SingletonScopes.run(3, 1, dir, TIMEOUT);

        var ids = new HashSet<>(Set.of(outcome.parentProcessId()));
        for (List<String> child : outcome.childProcessIds()) {
            assertEquals(2, child.size());
            assertEquals(child.get(0), child.get(1));
            ids.add(child.get(0));
        }
        assertEquals(4, ids.size());
        // Each JVM's singleton, the parent's too, carries the random id it was created with.
        ids.forEach(UUID::fromString);
    }

    @Test
    @DisplayName("PROC-19: the file-locked machine singleton is one id for every JVM; two children x 5 increments, each held between read and write until the other waits for the lock, give exactly 10")
    void machineSingleton() throws Exception {
        var outcome = SingletonScopes.run(2, 5, dir, TIMEOUT);

        assertEquals(10, outcome.finalState().counter());
        // Every value read once: no two JVMs were ever inside read-change-write together.
        assertEquals(IntStream.range(0, 10).boxed().toList(), outcome.reads().stream().sorted().toList());
        assertEquals(Set.of(outcome.finalState().id()), outcome.machineIds());
    }

    @Test
    @DisplayName("PROC-19: a second thread of the JVM that holds the machine lock waits on the in-JVM lock, instead of failing with OverlappingFileLockException")
    void secondThreadOfOneJvmWaitsForTheFirst() throws Exception {
        Path state = dir.resolve("state.txt");
        var inside = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        try (var first = BlockingThread.start("first", () -> SingletonScopes.update(state, s -> {
            inside.countDown();
            awaitQuietly(leave);
            return BUMP.apply(s);
        }))) {
            inside.await();
            try (var second = BlockingThread.start("second", () -> SingletonScopes.update(state, BUMP))) {
                // The first thread holds both locks; the second is parked on the in-JVM one.
                second.awaitWaiting();
                leave.countDown();
                assertNull(first.awaitEnd());
                assertNull(second.awaitEnd());
            }
        }
        assertEquals(2, SingletonScopes.update(state, UnaryOperator.identity()).counter());
    }

    @Test
    @DisplayName("PROC-19: an update whose change throws leaves both locks released: another thread's update goes through")
    void failedUpdateReleasesBothLocks() throws Exception {
        Path state = dir.resolve("state.txt");
        try (var failing = BlockingThread.start("failing", () -> SingletonScopes.update(state, s -> {
            throw new IllegalStateException("the change failed");
        }))) {
            assertEquals("the change failed", failing.awaitEnd().getMessage());
        }

        assertEquals(1, SingletonScopes.update(state, BUMP).counter());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted inside the update", e);
        }
    }

    @Test
    @DisplayName("PROC-19: children that stay silent past the timeout give a clear error, and none is left running")
    void silentChildrenAreReportedAndDestroyed() {
        var e = assertThrows(IllegalStateException.class,
                () -> SingletonScopes.run(2, 1, dir, Duration.ofMillis(1)));

        assertTrue(e.getMessage().contains("silent for 1 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of its stderr"), e.getMessage());
        // The leak check (test-support's LeakCheck) fails this test if a child outlives it.
    }

    @Test
    @DisplayName("PROC-19: a machine state file that cannot be read makes the children fail with a clear error quoting their stderr, and none is left running")
    void corruptStateFileIsAClearError() throws Exception {
        Files.writeString(dir.resolve("machine-singleton.txt"), "some-id not-a-number");

        var e = assertThrows(IllegalStateException.class, () -> SingletonScopes.run(2, 1, dir, TIMEOUT));

        assertTrue(e.getMessage().contains("ended without saying 'done'"), e.getMessage());
        assertTrue(e.getMessage().contains("NumberFormatException"), e.getMessage());
    }
}
