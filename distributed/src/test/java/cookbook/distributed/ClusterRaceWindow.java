package cookbook.distributed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * test-support's RaceWindow for cluster locks: a party's k-th pass through the window waits until
 * every other party has made its k-th pass, has ended, or has said it is about to wait for the
 * map lock ({@link #lockBusy()}). The JVM cannot see who owns an {@code IMap} lock (the waiting
 * thread parks on a network call, not on a monitor), so the recipe says it, after a failed
 * {@code tryLock}, before it calls {@code lock}.
 */
final class ClusterRaceWindow implements SharedMapCounter.Window {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Thread> parties = new CopyOnWriteArrayList<>();
    private final Map<Thread, Integer> passes = new ConcurrentHashMap<>();
    private final Set<Thread> waitingForLock = ConcurrentHashMap.newKeySet();
    private final AtomicInteger totalPasses = new AtomicInteger();

    /** Runs one named daemon platform thread per task and joins them all. */
    void runAll(String namePrefix, List<Runnable> tasks) throws InterruptedException {
        var builder = Thread.ofPlatform().name(namePrefix, 0).daemon(true);
        List<Thread> threads = tasks.stream().map(builder::unstarted).toList();
        parties.addAll(threads);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            if (!t.join(PATIENCE)) {
                threads.forEach(Thread::interrupt);
                throw new AssertionError(t.getName() + " did not finish: " + t.getState());
            }
        }
    }

    int totalPasses() {
        return totalPasses.get();
    }

    @Override
    public void lockBusy() {
        waitingForLock.add(Thread.currentThread());
    }

    @Override
    public void afterRead() {
        Thread me = Thread.currentThread();
        waitingForLock.remove(me);
        totalPasses.incrementAndGet();
        int pass = passes.merge(me, 1, Integer::sum);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!parties.stream().allMatch(p -> p == me || passes.getOrDefault(p, 0) >= pass
                || p.getState() == Thread.State.TERMINATED || waitingForLock.contains(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("race window: the other parties never arrived");
            }
            LockSupport.parkNanos(this, 100_000);
        }
    }
}
