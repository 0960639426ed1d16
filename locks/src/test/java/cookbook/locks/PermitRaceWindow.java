package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;

import cookbook.testsupport.RaceWindow;
import cookbook.testsupport.StartGate;

/**
 * {@link RaceWindow}'s forcing for a lock with no owner, such as {@code Semaphore(1)}: each
 * party's k-th pass waits for every other party's k-th pass. RaceWindow lets a lock holder
 * go on when the JVM names it as the owner the other party waits for; a semaphore has no
 * owner, so here a party counts as shut out when it is parked, untimed, acquiring a
 * synchronizer ({@link LockSupport#getBlocker} is an {@link AbstractQueuedSynchronizer}):
 * the only place the recipes under test can park it. Counts its passes like
 * {@link CountingWindow}.
 */
final class PermitRaceWindow implements Runnable {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Thread> parties = new CopyOnWriteArrayList<>();
    private final Map<Thread, Integer> passes = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** Runs the tasks as this window's parties, each on its own daemon thread, and joins them. */
    void runAll(String namePrefix, List<? extends Runnable> tasks) {
        var builder = Thread.ofPlatform().name(namePrefix, 0).daemon(true);
        List<Thread> threads = tasks.stream().map(builder::unstarted).toList();
        parties.addAll(threads);
        threads.forEach(Thread::start);
        StartGate.joinAll(threads, PATIENCE);
    }

    @Override
    public void run() {
        total.incrementAndGet();
        Thread me = Thread.currentThread();
        int pass = passes.merge(me, 1, Integer::sum);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!parties.stream().allMatch(p -> p == me || passes.getOrDefault(p, 0) >= pass
                || p.getState() == Thread.State.TERMINATED || parkedAcquiring(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("permit race window: the other parties never arrived");
            }
            LockSupport.parkNanos(this, 100_000);
        }
    }

    int passes() {
        return total.get();
    }

    private static boolean parkedAcquiring(Thread party) {
        return party.getState() == Thread.State.WAITING
                && LockSupport.getBlocker(party) instanceof AbstractQueuedSynchronizer;
    }
}
