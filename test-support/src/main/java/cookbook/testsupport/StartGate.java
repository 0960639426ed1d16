package cookbook.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A start gate in the Java Concurrency in Practice sense: threads line up behind it and
 * are released together, so a race starts with every contender ready, not one by one as
 * they happen to be scheduled.
 *
 * <pre>{@code
 * var gate = new StartGate(2);
 * var threads = gate.startPlatformThreads("adder-", List.of(counter::add, counter::add));
 * gate.open();                 // returns once both threads are waiting, then releases them
 * StartGate.joinAll(threads, Duration.ofSeconds(5));
 * }</pre>
 */
public final class StartGate {
    private final int parties;
    private final CountDownLatch arrived;
    private final CountDownLatch released = new CountDownLatch(1);

    /** A gate for {@code parties} threads; {@link #open()} waits until all of them arrived. */
    public StartGate(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a start gate needs at least one party, got " + parties);
        }
        this.parties = parties;
        this.arrived = new CountDownLatch(parties);
    }

    /** Called by each contender: report arrival, then block until the gate opens. */
    public void await() {
        arrived.countDown();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start gate never opened: did the test call open()?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting at the start gate", e);
        }
    }

    /** Waits until every party has arrived, then releases them all at once. */
    public void open() {
        try {
            if (!arrived.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + (parties - arrived.getCount()) + " of " + parties
                        + " threads reached the start gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for threads at the start gate", e);
        }
        released.countDown();
    }

    /**
     * Starts one named platform thread per task; each waits at this gate before running its
     * task. Threads are daemons so a test bug can never keep the JVM alive.
     */
    public List<Thread> startPlatformThreads(String namePrefix, List<? extends Runnable> tasks) {
        var builder = Thread.ofPlatform().name(namePrefix, 0).daemon(true);
        var threads = new ArrayList<Thread>(tasks.size());
        for (Runnable task : tasks) {
            threads.add(builder.start(() -> {
                await();
                task.run();
            }));
        }
        return threads;
    }

    /** Joins every thread, failing (not hanging) if one is still alive after {@code timeout}. */
    public static void joinAll(List<Thread> threads, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!t.join(Duration.ofNanos(left))) {
                    throw new AssertionError("thread " + t.getName() + " still running after " + timeout
                            + ", state " + t.getState());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while joining " + t.getName(), e);
            }
        }
    }
}
