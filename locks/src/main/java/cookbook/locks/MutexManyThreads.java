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
 *
 * <p>One increment per thread rarely collides, so 20,000 threads alone would pass without the
 * lock too. {@link SharedNumber#increment(Runnable)} exposes the gap between reading the
 * number and writing it back, so a test can force two threads into it: with the lock the
 * second waits outside, without it one increment is lost.
 */
public final class MutexManyThreads {
    private static final Logger log = LoggerFactory.getLogger(MutexManyThreads.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** How many threads ran, what the shared number ended at, and how long it all took. */
    public record Outcome(int threads, boolean virtual, long count, Duration elapsed) {
    }

    // tag::idiom[]
    /** The seed's global {@code num} and its global lock. */
    public static final class SharedNumber {
        private final ReentrantLock lock = new ReentrantLock();
        private long num;

        public void increment() {
            increment(NO_WINDOW);
        }

        /** The same increment, with a test seam between the read and the write. */
        public void increment(Runnable window) {
            lock.lock();
            try {
                long read = num;
                window.run();
                num = read + 1;
            } finally {
                lock.unlock();
            }
        }

        public long value() {
            lock.lock();
            try {
                return num;
            } finally {
                lock.unlock();
            }
        }
    }
    // end::idiom[]

    private MutexManyThreads() {
    }

    /** Starts {@code threads} threads from {@code builder}; each increments one shared number once. */
    public static Outcome count(Thread.Builder builder, int threads) throws InterruptedException {
        var number = new SharedNumber();
        long begin = System.nanoTime();
        var started = new ArrayList<Thread>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(builder.start(number::increment));
        }
        for (Thread t : started) {
            t.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        return new Outcome(threads, started.getFirst().isVirtual(), number.value(), elapsed);
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
