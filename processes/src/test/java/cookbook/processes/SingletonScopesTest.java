package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.SingletonScopes.MachineState;
import cookbook.testsupport.StartGate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SingletonScopesTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-19: a ThreadLocal singleton is the same twice on one thread and different on another")
    void perThreadSingleton() throws Exception {
        var seen = SingletonScopes.perThread(2);

        List<String> first = seen.get("singleton-thread-0");
        List<String> second = seen.get("singleton-thread-1");
        assertEquals(first.get(0), first.get(1));
        assertEquals(second.get(0), second.get(1));
        assertNotEquals(first.get(0), second.get(0));
    }

    @Test
    @DisplayName("PROC-19: a static singleton is unique per JVM: each child sees its own, twice the same, and none is the parent's")
    void perProcessSingleton() throws Exception {
        var outcome = SingletonScopes.run(2, 1, dir, Duration.ofSeconds(20));

        List<String> a = outcome.childProcessIds().get(0);
        List<String> b = outcome.childProcessIds().get(1);
        assertEquals(2, a.size());
        assertEquals(a.get(0), a.get(1));
        assertEquals(b.get(0), b.get(1));
        assertEquals(3, Set.of(a.get(0), b.get(0), outcome.parentProcessId()).size());
    }

    @Test
    @DisplayName("PROC-19: the file-locked machine singleton is one id for every JVM; two children x 100 increments give exactly 200")
    void machineSingleton() throws Exception {
        var outcome = SingletonScopes.run(2, 100, dir, Duration.ofSeconds(20));

        assertEquals(200, outcome.finalState().counter());
        assertEquals(Set.of(outcome.finalState().id()), outcome.machineIds());
    }

    @Test
    @DisplayName("PROC-19: threads of one JVM share the machine singleton safely: the in-JVM lock keeps them off the JVM-wide file lock at once")
    void threadsOfOneJvmDoNotCollideOnTheFileLock() throws Exception {
        Path state = dir.resolve("state.txt");
        var gate = new StartGate(2);
        var failures = new ArrayList<Throwable>();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().name("bumper-" + t).start(() -> {
                try {
                    gate.await();
                    for (int i = 0; i < 50; i++) {
                        SingletonScopes.update(state, s -> new MachineState(s.id(), s.counter() + 1));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        gate.open();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(100, SingletonScopes.update(state, UnaryOperator.identity()).counter());
    }
}
