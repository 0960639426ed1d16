package cookbook.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves behind a platform thread or a child process it started.
 *
 * <p>Registered for every test of every module through JUnit's extension auto-detection
 * (see {@code junit-platform.properties}); no annotation needed. Before each test (and each
 * test class) it takes a snapshot of live platform threads and child processes; afterwards
 * it gives stragglers a few seconds to finish (a pool that was just closed, a child that is
 * exiting), then fails naming what is left, with stacks. Leftover threads are interrupted
 * and leftover processes destroyed, so one leak does not spill into the next test.
 *
 * <p>Blind spot: virtual threads are not enumerable ({@code Thread.getAllStackTraces()}
 * lists platform threads only). Tests of virtual threads prove they ended by joining them.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** How long finished work may take to wind down before it counts as a leak. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("class", Snapshot.take());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getStore(NS).get("class", Snapshot.class), "test class " + context.getDisplayName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("method", Snapshot.take());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context.getStore(NS).get("method", Snapshot.class), "test " + context.getDisplayName());
    }

    private static void check(Snapshot before, String what) {
        if (before == null) {
            return;
        }
        Leftovers left = before.leftoversAfter(GRACE);
        if (left.isEmpty()) {
            return;
        }
        left.threads().forEach(Thread::interrupt);
        left.processes().forEach(ProcessHandle::destroyForcibly);
        throw new AssertionError(what + " left behind " + left.describe()
                + "\nEvery thread a test starts must end (join it, close its executor) and every"
                + " child process must be destroyed in a finally block.");
    }

    /** What was alive before the test. */
    record Snapshot(Set<Thread> threads, Set<Long> processIds) {
        static Snapshot take() {
            return new Snapshot(Set.copyOf(Thread.getAllStackTraces().keySet()),
                    ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet()));
        }

        Leftovers leftoversAfter(Duration grace) {
            long deadline = System.nanoTime() + grace.toNanos();
            Leftovers left = now();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                // Waiting on the leftovers themselves: join a thread or the exit of a process.
                if (!left.threads().isEmpty()) {
                    joinQuietly(left.threads().getFirst(), Duration.ofMillis(20));
                } else {
                    left.processes().getFirst().onExit().completeOnTimeout(null, 20,
                            java.util.concurrent.TimeUnit.MILLISECONDS).join();
                }
                left = now();
            }
            return left;
        }

        private Leftovers now() {
            List<Thread> newThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !threads.contains(t) && t.isAlive() && !isJvmOwned(t))
                    .toList();
            List<ProcessHandle> newProcesses = ProcessHandle.current().descendants()
                    .filter(p -> !processIds.contains(p.pid()) && p.isAlive())
                    .toList();
            return new Leftovers(newThreads, newProcesses);
        }
    }

    record Leftovers(List<Thread> threads, List<ProcessHandle> processes) {
        boolean isEmpty() {
            return threads.isEmpty() && processes.isEmpty();
        }

        String describe() {
            var sb = new StringBuilder();
            for (Thread t : threads) {
                sb.append("\n  thread '").append(t.getName()).append("' (").append(t.getState()).append(")\n")
                        .append(ThreadStateProbe.stackOf(t));
            }
            for (ProcessHandle p : processes) {
                sb.append("\n  process ").append(p.pid()).append(": ")
                        .append(p.info().commandLine().orElse("<command unknown>"));
            }
            return sb.toString();
        }
    }

    /**
     * Threads the JDK or the test framework start and keep on their own terms: the virtual
     * thread scheduler's carriers and pollers, the common pool, process reapers, JUnit's
     * timeout threads, Awaitility's poller. None of them is a test's leak.
     */
    static boolean isJvmOwned(Thread t) {
        String name = t.getName();
        // Carrier and innocuous threads (virtual-thread scheduler, unblocker, delay scheduler,
        // cleaner) are JDK internals no test can create or end.
        // A ForkJoinPool's DelayScheduler serves the virtual-thread scheduler's timed parking;
        // a leaked user pool still shows up through its worker threads.
        return t.getClass().getName().startsWith("jdk.internal.")
                || t.getClass().getName().equals("java.util.concurrent.DelayScheduler")
                || name.equals("VirtualThread-unblocker")
                || name.startsWith("ForkJoinPool.commonPool-worker-")
                || name.startsWith("junit-")
                || name.startsWith("awaitility")
                || name.equals("process reaper")
                || name.endsWith("-Poller")
                || name.equals("CompletableFutureDelayScheduler")
                || name.equals("VirtualThread-unparker")
                || name.equals("Attach Listener")
                || name.equals("Common-Cleaner")
                || name.startsWith("surefire-");
    }

    private static void joinQuietly(Thread t, Duration d) {
        try {
            t.join(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
