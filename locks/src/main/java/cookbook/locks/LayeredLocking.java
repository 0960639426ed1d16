package cookbook.locks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-05. Python original: programmer A's {@code func()} takes the lock, B calls it bare,
 * C's {@code process()} holds the same lock and calls {@code func()}, so only an RLock works.
 *
 * <p>Layers of one API often lock the same object: a public method takes the lock and calls
 * another public method that takes it too. With a reentrant lock ({@code synchronized} or a
 * {@link ReentrantLock}) that just nests. With a non-reentrant one the outer layer deadlocks
 * against itself. {@link Service} is written once against a tiny {@link Mutex} interface and
 * run both ways.
 */
public final class LayeredLocking {
    private static final Logger log = LoggerFactory.getLogger(LayeredLocking.class);

    /** Just enough of a lock for this story; interruptible, so a stuck caller can be freed. */
    public interface Mutex {
        void lock() throws InterruptedException;

        boolean tryLock(Duration timeout) throws InterruptedException;

        void unlock();
    }

    /** Java's normal lock: the owner may take it again. */
    public static Mutex reentrant() {
        var lock = new ReentrantLock();
        return new Mutex() {
            public void lock() throws InterruptedException {
                lock.lockInterruptibly();
            }

            public boolean tryLock(Duration timeout) throws InterruptedException {
                return lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }

            public void unlock() {
                lock.unlock();
            }
        };
    }

    /** Python's threading.Lock: one permit, no owner, so a second take by anyone waits. */
    public static Mutex nonReentrant() {
        var permit = new Semaphore(1);
        return new Mutex() {
            public void lock() throws InterruptedException {
                permit.acquire();
            }

            public boolean tryLock(Duration timeout) throws InterruptedException {
                return permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }

            public void unlock() {
                permit.release();
            }
        };
    }

    // tag::idiom[]
    /** The seed's three programmers sharing one lock. */
    public static final class Service {
        private final Mutex mutex;
        private int funcRuns;

        public Service(Mutex mutex) {
            this.mutex = mutex;
        }

        /** Programmer A: the shared work, guarded by the lock. */
        public void func() throws InterruptedException {
            mutex.lock();
            try {
                funcRuns++;
            } finally {
                mutex.unlock();
            }
        }

        /** Programmer B: calls func() without thinking about locks. */
        public void run() throws InterruptedException {
            func();
        }

        /** Programmer C: needs the lock for a bigger step, and calls func() inside it. */
        public void process() throws InterruptedException {
            mutex.lock();
            try {
                func();
            } finally {
                mutex.unlock();
            }
        }
        // end::idiom[]

        /** How many times func()'s body ran (read under the lock). */
        public int funcRuns() throws InterruptedException {
            mutex.lock();
            try {
                return funcRuns;
            } finally {
                mutex.unlock();
            }
        }

        /** Whether anyone else could take the lock right now, within {@code timeout}. */
        public boolean lockIsFree(Duration timeout) throws InterruptedException {
            if (mutex.tryLock(timeout)) {
                mutex.unlock();
                return true;
            }
            return false;
        }
    }

    private LayeredLocking() {
    }

    public static void main(String[] args) throws InterruptedException {
        var reentrant = new Service(reentrant());
        reentrant.run();
        reentrant.process();
        log.info("ReentrantLock: run() and process() both finished, func() ran {} times", reentrant.funcRuns());

        var nonReentrant = new Service(nonReentrant());
        Thread caller = Thread.ofPlatform().name("programmer-C").daemon(true).start(() -> {
            try {
                nonReentrant.process();
            } catch (InterruptedException e) {
                log.info("process() was interrupted out of its own lock");
                Thread.currentThread().interrupt();
            }
        });
        // Look only once C is stuck in its second lock(): parked, holding the first. Looking
        // earlier, main could take the one permit before C does and see a free lock.
        while (caller.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        boolean free = nonReentrant.lockIsFree(Duration.ofSeconds(1));
        log.info("Semaphore(1): after 1 s {} is {} inside process(), lock free: {}", caller.getName(),
                caller.getState(), free);
        caller.interrupt();
        caller.join();
    }
}
