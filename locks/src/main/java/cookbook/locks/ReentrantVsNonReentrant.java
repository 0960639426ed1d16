package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-04. Python original: a {@code threading.Lock} acquired twice by the same thread hangs
 * forever, while an {@code RLock} may be acquired again as long as it is released as often.
 *
 * <p>Java's everyday locks, {@code synchronized}, {@link ReentrantLock} and
 * {@code ReentrantReadWriteLock}, are reentrant: Python's RLock. The hold count climbs with
 * each {@code lock()} and falls with each {@code unlock()}; other threads get in at zero.
 * Not every Java lock is: a {@code StampedLock} is not reentrant (its javadoc says so), and a
 * {@link Semaphore} has no owner at all. A one-permit semaphore is Python's plain
 * {@code Lock}: its second {@code acquire()} by the same thread parks that thread for good,
 * and because a semaphore has no owner, {@code ThreadMXBean} finds no deadlock: only the
 * thread state and a timed attempt tell.
 */
public final class ReentrantVsNonReentrant {
    private static final Logger log = LoggerFactory.getLogger(ReentrantVsNonReentrant.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** The hold count after each step, and whether another thread could lock at that point. */
    public record HoldCounts(List<Integer> holdCounts, List<Boolean> otherThreadGotIn) {
    }

    /** What a release by a thread that does not hold the lock does to each primitive. */
    public record ForeignRelease(int semaphorePermitsAfter, String reentrantLockError, boolean ownerStillHolds) {
    }

    /**
     * The seed's "Lock allowed" case: a number guarded by a non-reentrant mutex that each
     * thread takes twice, one block after the other, never nested.
     */
    public static final class TwoBlockCounter {
        private final Semaphore mutex = new Semaphore(1);
        private long num;

        public void addInTwoBlocks(int loops) {
            addInTwoBlocks(loops, NO_WINDOW);
        }

        /** The same, with a test seam between reading the number and writing it back. */
        public void addInTwoBlocks(int loops, Runnable window) {
            for (int block = 0; block < 2; block++) {
                mutex.acquireUninterruptibly();
                try {
                    for (int i = 0; i < loops; i++) {
                        long read = num;
                        window.run();
                        num = read + 1;
                    }
                } finally {
                    mutex.release();
                }
            }
        }

        public long value() {
            mutex.acquireUninterruptibly();
            try {
                return num;
            } finally {
                mutex.release();
            }
        }
    }

    private ReentrantVsNonReentrant() {
    }

    /** {@code threads} threads each add {@code loops} in each of two sequential blocks. */
    public static long sequentialBlocks(int threads, int loops) throws InterruptedException {
        var counter = new TwoBlockCounter();
        var started = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().name("adder-", t).start(() -> counter.addInTwoBlocks(loops)));
        }
        for (Thread t : started) {
            t.join();
        }
        return counter.value();
    }

    // tag::idiom[]
    /** RLock's rule in Java: lock twice, unlock twice; only at zero can another thread get in. */
    public static HoldCounts holdCounts() throws InterruptedException {
        var lock = new ReentrantLock();
        var counts = new ArrayList<Integer>();
        var otherGotIn = new ArrayList<Boolean>();
        // Start free, lock, lock again, unlock, unlock; after each step note the hold count
        // and whether another thread could take the lock right then.
        for (Runnable step : List.<Runnable>of(() -> { }, lock::lock, lock::lock, lock::unlock, lock::unlock)) {
            step.run();
            counts.add(lock.getHoldCount());
            otherGotIn.add(otherThreadCanLock(lock));
        }
        return new HoldCounts(counts, otherGotIn);
    }

    /**
     * Python's "Lock not allowed": the same thread acquires a one-permit semaphore twice. The
     * second acquire never returns; interrupting the thread is the only way out, and the
     * finally block gives the first permit back.
     */
    public static void acquireTwice(Semaphore mutex) throws InterruptedException {
        mutex.acquire();
        try {
            log.info("acquired once; acquiring again...");
            mutex.acquire();
            try {
                log.info("acquired twice (never printed with one permit)");
            } finally {
                mutex.release();
            }
        } finally {
            mutex.release();
        }
    }
    // end::idiom[]

    private static boolean otherThreadCanLock(ReentrantLock lock) throws InterruptedException {
        var got = new AtomicBoolean();
        Thread other = Thread.ofPlatform().name("other").start(() -> {
            if (lock.tryLock()) {
                got.set(true);
                lock.unlock();
            }
        });
        other.join();
        return got.get();
    }

    /** Another thread releases: a semaphore takes the permit, a ReentrantLock refuses and stays held. */
    public static ForeignRelease releaseFromAnotherThread() throws InterruptedException {
        var semaphore = new Semaphore(1);
        semaphore.acquire();
        var lock = new ReentrantLock();
        lock.lock();
        try {
            String[] error = {"none"};
            Thread other = Thread.ofPlatform().name("other").start(() -> {
                semaphore.release();
                try {
                    lock.unlock();
                } catch (IllegalMonitorStateException e) {
                    error[0] = e.getClass().getSimpleName();
                }
            });
            other.join();
            return new ForeignRelease(semaphore.availablePermits(), error[0], lock.isHeldByCurrentThread());
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("two threads, two sequential blocks of 100,000 each: num = {}", sequentialBlocks(2, 100_000));
        log.info("ReentrantLock: {}", holdCounts());
        log.info("release by another thread: {}", releaseFromAnotherThread());

        var mutex = new Semaphore(1);
        Thread stuck = Thread.ofPlatform().name("double-acquirer").daemon(true).start(() -> {
            try {
                acquireTwice(mutex);
            } catch (InterruptedException e) {
                log.info("interrupted out of the second acquire");
                Thread.currentThread().interrupt();
            }
        });
        // Wait until it is parked in its second acquire, as a thread dump would show it.
        while (stuck.getState() != Thread.State.WAITING) {
            Thread.sleep(10);
        }
        boolean gotIt = mutex.tryAcquire(1, TimeUnit.SECONDS);
        log.info("after 1 s: {} is {}, another thread's tryAcquire got a permit: {}", stuck.getName(),
                stuck.getState(), gotIt);
        stuck.interrupt();
        stuck.join(Duration.ofSeconds(5));
        log.info("permits back after the interrupt: {}", mutex.availablePermits());
    }
}
