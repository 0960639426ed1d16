package cookbook.pools;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only work for a task: the first {@code parties} tasks wait inside until all of them are
 * in at once, proof with no clock that that many ran together; later tasks pass straight
 * through. The test keeps its own record of what happened, never the recipe's: every thread
 * that ran the work (by identity, not by name), and how many tasks got through.
 *
 * <p>An executor with fewer than {@code parties} threads can never fill the rendezvous: its
 * first task fails after the patience runs out. One with more threads shows up in
 * {@link #threads()}: a fixed pool of W starts exactly W threads once W tasks are submitted.
 */
final class Rendezvous implements Runnable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final int parties;
    private final Duration patience;
    private final CountDownLatch inside;
    private final AtomicInteger passed = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private Rendezvous(int parties, Duration patience) {
        this.parties = parties;
        this.patience = patience;
        this.inside = new CountDownLatch(parties);
    }

    static Rendezvous of(int parties) {
        return new Rendezvous(parties, PATIENCE);
    }

    /** For tens of thousands of parties, whose threads take a while to start on a loaded machine. */
    static Rendezvous of(int parties, Duration patience) {
        return new Rendezvous(parties, patience);
    }

    @Override
    public void run() {
        threads.add(Thread.currentThread());
        inside.countDown();
        try {
            if (!inside.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("only " + (parties - inside.getCount()) + " of " + parties
                        + " tasks ever ran together");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted at the rendezvous", e);
        }
        passed.incrementAndGet();
    }

    /** How many tasks got through: all of them, once the rendezvous filled. */
    int passed() {
        return passed.get();
    }

    /** Every distinct thread that ran this work. */
    Set<Thread> threads() {
        return Set.copyOf(threads);
    }
}
