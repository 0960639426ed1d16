package cookbook.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Finds deadlocks the way a JVM tool does: {@link ThreadMXBean#findDeadlockedThreads()},
 * which reports threads in a cycle waiting for monitors ({@code synchronized}) or
 * ownable synchronizers ({@code ReentrantLock}, {@code ReentrantReadWriteLock}).
 *
 * <p><b>Blind spots</b>, by design of the JDK API, and what to assert instead:
 * <ul>
 *   <li><b>Virtual threads</b> are not reported ({@code ThreadMXBean} sees platform threads
 *       only). Run deadlock demos on platform threads.</li>
 *   <li><b>Owner-less primitives</b> ({@code Semaphore}, {@code CountDownLatch},
 *       {@code Condition} waits, {@code BlockingQueue}) have no owner, so there is no cycle to
 *       find. Assert that the thread stays {@code WAITING} ({@link ThreadStateProbe}) and that a
 *       timed acquire fails.</li>
 * </ul>
 */
public final class DeadlockProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DeadlockProbe() {
    }

    /** The names of all threads the JVM currently sees in a deadlock cycle (empty if none). */
    public static Set<String> deadlockedThreadNames() {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) {
            return Set.of();
        }
        return Arrays.stream(THREADS.getThreadInfo(ids))
                .filter(info -> info != null)
                .map(ThreadInfo::getThreadName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Waits until the JVM reports a deadlock among threads, then returns the names in the
     * cycle. Fails, with the stacks of the suspects, if none appears within {@code atMost}.
     */
    public static Set<String> awaitDeadlock(Duration atMost, Thread... suspects) {
        try {
            return await().pollInterval(Duration.ofMillis(5)).atMost(atMost)
                    .until(DeadlockProbe::deadlockedThreadNames, names -> !names.isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var stacks = Arrays.stream(suspects)
                    .map(t -> t.getName() + " (" + t.getState() + ")\n" + ThreadStateProbe.stackOf(t))
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("no deadlock detected within " + atMost + "\n" + stacks, e);
        }
    }

    /** Waits for a deadlock with the default patience of {@link ThreadStateProbe#PATIENCE}. */
    public static Set<String> awaitDeadlock(Thread... suspects) {
        return awaitDeadlock(ThreadStateProbe.PATIENCE, suspects);
    }
}
