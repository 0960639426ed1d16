package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-02. Python original: 20,000 threads each take one global Lock, add 1 to a number and
 * release it; after joining them all the program prints 20000.
 *
 * <p>The same thing in Java with a {@link ReentrantLock} (lock, then try/finally), on
 * platform threads and on virtual threads. Only the {@link Thread.Builder} differs; the count
 * is exact both ways. Platform threads are operating-system threads, each with its own stack,
 * so 20,000 of them are expensive to start; virtual threads are cheap objects the JVM
 * schedules onto a few carriers.
 */
public final class MutexManyThreads {
    private static final Logger log = LoggerFactory.getLogger(MutexManyThreads.class);

    /** How many threads ran, what the shared number ended at, and how long it all took. */
    public record Outcome(int threads, boolean virtual, long count, Duration elapsed) {
    }

    private MutexManyThreads() {
    }

    /** Starts {@code threads} threads from {@code builder}; each adds 1 under one shared lock. */
    public static Outcome count(Thread.Builder builder, int threads) throws InterruptedException {
        var lock = new ReentrantLock();
        // A one-element array is the shared number: the lambdas below may only capture
        // effectively-final locals, and the lock is what makes the element safe to share.
        long[] num = {0};
        Runnable run = () -> {
            lock.lock();
            try {
                num[0]++;
            } finally {
                lock.unlock();
            }
        };

        long begin = System.nanoTime();
        var started = new ArrayList<Thread>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(builder.start(run));
        }
        for (Thread t : started) {
            t.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);

        lock.lock();
        try {
            return new Outcome(threads, started.getFirst().isVirtual(), num[0], elapsed);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome platform = count(Thread.ofPlatform().name("t-", 0), 20_000);
        log.info("platform threads: num = {} after {} threads, {} ms", platform.count(), platform.threads(),
                platform.elapsed().toMillis());
        Outcome virtual = count(Thread.ofVirtual().name("vt-", 0), 20_000);
        log.info("virtual threads:  num = {} after {} threads, {} ms", virtual.count(), virtual.threads(),
                virtual.elapsed().toMillis());
    }
}
