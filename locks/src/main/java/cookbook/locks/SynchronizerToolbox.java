package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-10. Python original: the notes list threading's toolbox (Lock, RLock, Condition,
 * Semaphore, BoundedSemaphore, Timer, Barrier) and say to use each with try/finally or with.
 *
 * <p>The Java counterparts, one small piece each: a {@link Condition} hand-off
 * ({@link Mailbox}); a {@link Semaphore} capping concurrency ({@link #peakConcurrency}); the
 * difference between Java's Semaphore, whose {@code release()} happily exceeds its permits,
 * and Python's BoundedSemaphore, rebuilt as {@link BoundedSemaphore}; a Timer as a scheduled
 * executor ({@link #timer}); and {@link CyclicBarrier}. {@link Guard} is Python's
 * {@code with lock:} as try-with-resources.
 */
public final class SynchronizerToolbox {
    private static final Logger log = LoggerFactory.getLogger(SynchronizerToolbox.class);

    // tag::idiom[]
    /** Condition: a one-slot mailbox; take() waits (in a loop) until put() signals. */
    public static final class Mailbox {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition filled = lock.newCondition();
        private String item;

        public void put(String message) {
            lock.lock();
            try {
                item = message;
                filled.signalAll();
            } finally {
                lock.unlock();
            }
        }

        public String take() throws InterruptedException {
            lock.lock();
            try {
                // A loop, not an if: a waiter may wake without a signal, or find the slot taken.
                while (item == null) {
                    filled.await();
                }
                String taken = item;
                item = null;
                return taken;
            } finally {
                lock.unlock();
            }
        }
    }
    // end::idiom[]

    /** Python's BoundedSemaphore: releasing more than was acquired is an error, not a new permit. */
    public static final class BoundedSemaphore {
        private final Semaphore permits;
        private final AtomicInteger held = new AtomicInteger();

        public BoundedSemaphore(int permits) {
            this.permits = new Semaphore(permits);
        }

        public void acquire() throws InterruptedException {
            permits.acquire();
            held.incrementAndGet();
        }

        public void release() {
            // One atomic step decides whether this release matches an acquire.
            if (held.getAndUpdate(h -> Math.max(0, h - 1)) == 0) {
                throw new IllegalStateException("released more times than acquired");
            }
            permits.release();
        }

        public int availablePermits() {
            return permits.availablePermits();
        }
    }

    /** Python's {@code with lock:}: {@code try (var g = Guard.lock(l)) { ... }} unlocks on the way out. */
    public record Guard(Lock lock) implements AutoCloseable {
        public static Guard lock(Lock lock) {
            lock.lock();
            return new Guard(lock);
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** Whether the timer task ran, and when, measured from scheduling. */
    public record TimerOutcome(boolean ran, Duration after) {
        @Override
        public String toString() {
            return ran ? "ran after " + after.toMillis() + " ms" : "did not run";
        }
    }

    /** The most tasks that were ever inside at once, and how many finished. */
    public record Crowd(int peak, int finished) {
    }

    private SynchronizerToolbox() {
    }

    /**
     * {@code tasks} virtual threads share {@code permits} permits; returns the most that were ever
     * inside at once. A task inside keeps its permit until every task has either got in or is
     * queued for a permit, so the whole crowd presses on the cap: it is tested, not hoped for.
     */
    public static Crowd peakConcurrency(int permits, int tasks) throws InterruptedException {
        var semaphore = new Semaphore(permits);
        var admitted = new AtomicInteger();
        var inside = new AtomicInteger();
        var peak = new AtomicInteger();
        var finished = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < tasks; i++) {
            threads.add(Thread.ofVirtual().name("download-", i).start(() -> {
                try {
                    semaphore.acquire();
                    try {
                        admitted.incrementAndGet();
                        peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        // No event says "everyone else is queued", so look again every millisecond.
                        while (admitted.get() + semaphore.getQueueLength() < tasks) {
                            Thread.sleep(1);
                        }
                        inside.decrementAndGet();
                        finished.incrementAndGet();
                    } finally {
                        semaphore.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Crowd(peak.get(), finished.get());
    }

    /** Java's Semaphore: one release too many, and there is one permit more than it started with. */
    public static int overReleasedPermits(int permits) {
        var semaphore = new Semaphore(permits);
        semaphore.release();
        return semaphore.availablePermits();
    }

    /** Python's Timer: run a task once after {@code delay}, optionally cancelled first. */
    public static TimerOutcome timer(Duration delay, boolean cancelFirst) throws InterruptedException {
        var ran = new AtomicBoolean();
        long begin = System.nanoTime();
        long[] at = {0};
        try (var scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("timer").factory())) {
            var future = scheduler.schedule(() -> {
                at[0] = System.nanoTime();
                ran.set(true);
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            if (cancelFirst) {
                future.cancel(false);
            }
        }
        // close() waited for the task (or its cancellation), so at[0] is safely visible here.
        return new TimerOutcome(ran.get(), Duration.ofNanos(ran.get() ? at[0] - begin : 0));
    }

    public static void main(String[] args) throws Exception {
        var mailbox = new Mailbox();
        Thread taker = Thread.ofPlatform().name("taker").start(() -> {
            try {
                log.info("took '{}'", mailbox.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        mailbox.put("hello");
        taker.join();

        log.info("Semaphore(3), 10 downloads: {}", peakConcurrency(3, 10));
        log.info("Semaphore(2) released once too often: {} permits", overReleasedPermits(2));
        try {
            new BoundedSemaphore(2).release();
        } catch (IllegalStateException e) {
            log.info("BoundedSemaphore(2) released once too often: {}", e.getMessage());
        }
        log.info("timer after 300 ms: {}", timer(Duration.ofMillis(300), false));
        log.info("timer cancelled first: {}", timer(Duration.ofMillis(300), true));

        var barrier = new CyclicBarrier(3, () -> log.info("all three arrived; the barrier opens"));
        var runners = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            runners.add(Thread.ofPlatform().name("runner-", i).start(() -> {
                try {
                    barrier.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (BrokenBarrierException e) {
                    log.info("the barrier broke before all three arrived");
                }
            }));
        }
        for (Thread r : runners) {
            r.join();
        }
        var lock = new ReentrantLock();
        try (var g = Guard.lock(lock)) {
            log.info("inside Guard: held by me = {}", lock.isHeldByCurrentThread());
        }
        log.info("after Guard: held by me = {}", lock.isHeldByCurrentThread());
    }
}
