package cookbook.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * "Assert this thread becomes blocked" (JCIP ch. 12, the JSR-166 TCK's
 * {@code waitForThreadToEnterWaitState}): poll {@link Thread#getState()} until the thread
 * reaches one of the expected states, failing with its stack if it never does.
 *
 * <p>Polling is the honest tool here: there is no callback for "a thread has parked".
 * The timeout is generous because it only matters when the test is already failing.
 */
public final class ThreadStateProbe {
    /** How long a thread may take to reach a state on a slow, loaded machine. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private ThreadStateProbe() {
    }

    /** Waits until {@code thread} is in one of {@code expected}; fails with its stack otherwise. */
    public static void awaitState(Thread thread, Thread.State... expected) {
        Set<Thread.State> wanted = EnumSet.copyOf(Arrays.asList(expected));
        try {
            await().pollInterval(Duration.ofMillis(2)).atMost(PATIENCE)
                    .until(() -> wanted.contains(thread.getState()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("thread '" + thread.getName() + "' never reached " + wanted
                    + "; it is " + thread.getState() + " at\n" + stackOf(thread), e);
        }
    }

    /** A thread parked in {@code wait}, {@code join}, {@code park}, {@code Condition.await}, untimed. */
    public static void awaitWaiting(Thread thread) {
        awaitState(thread, Thread.State.WAITING);
    }

    /** A thread waiting to enter a {@code synchronized} block held by someone else. */
    public static void awaitBlocked(Thread thread) {
        awaitState(thread, Thread.State.BLOCKED);
    }

    /** Parked in any way: BLOCKED, WAITING or TIMED_WAITING. */
    public static void awaitParked(Thread thread) {
        awaitState(thread, Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);
    }

    /** The thread's current stack, one frame a line, for failure messages. */
    public static String stackOf(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .map(frame -> "    at " + frame)
                .collect(Collectors.joining("\n"));
    }
}
