package cookbook.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only forcing of "both threads read, then both write". Recipes call a
 * {@code Runnable window} between reading shared state and writing it back; this is that
 * window. A thread's k-th pass through it waits until every other party has made its own
 * k-th pass too, so an unsafe variant loses an update on every run.
 *
 * <p>The same window must not hang a safe variant, where the other thread can never reach
 * the window because it is stuck outside the lock. So a party also counts as done when the
 * JVM reports it blocked on a lock <em>owned by the waiting thread</em>
 * ({@link ThreadInfo#getLockOwnerId()}: monitors and {@code ReentrantLock} alike). That is
 * a structural fact, not a timeout: no sleeping, no luck.
 */
public final class RaceWindow implements Runnable {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Thread> parties = new CopyOnWriteArrayList<>();
    private final Map<Thread, Integer> passes = new ConcurrentHashMap<>();

    /** Starts one named daemon platform thread per task; they are the parties of this window. */
    public List<Thread> start(String namePrefix, List<? extends Runnable> tasks) {
        var builder = Thread.ofPlatform().name(namePrefix, 0).daemon(true);
        List<Thread> threads = tasks.stream().map(builder::unstarted).toList();
        parties.addAll(threads);
        threads.forEach(Thread::start);
        return threads;
    }

    /** Starts the tasks, joins them all and fails if one is still running after the patience. */
    public void runAll(String namePrefix, List<? extends Runnable> tasks) {
        for (Thread t : start(namePrefix, tasks)) {
            try {
                if (!t.join(PATIENCE)) {
                    t.interrupt();
                    throw new AssertionError(t.getName() + " did not finish: " + t.getState());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void run() {
        Thread me = Thread.currentThread();
        int pass = passes.merge(me, 1, Integer::sum);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!parties.stream().allMatch(p -> p == me || passes.getOrDefault(p, 0) >= pass
                || p.getState() == Thread.State.TERMINATED || shutOutBy(me, p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("race window: the other parties never arrived");
            }
            LockSupport.parkNanos(this, 100_000);
        }
    }

    /** True when {@code other} waits for a lock that {@code me} holds. */
    private static boolean shutOutBy(Thread me, Thread other) {
        ThreadInfo info = MX.getThreadInfo(other.threadId());
        return info != null && info.getLockOwnerId() == me.threadId();
    }
}
