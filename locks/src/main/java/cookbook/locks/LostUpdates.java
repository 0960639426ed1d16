package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-01. Python original: one thread adds 1 a million times, another subtracts 1 a million
 * times from a global number, and without a lock the result is "random, not 0".
 *
 * <p>{@code number++} is three steps: read, add, write. Two threads that both read before
 * either writes lose one update. A reader calls {@code add(delta)}; behind it every counter
 * exposes that gap as a {@code window} (a {@link Runnable} called between the read and the
 * write) so a test can force both threads through it; {@code main} just runs the seed's
 * million-times loops.
 *
 * <p>Broken: {@link UnsafeCounter}, {@link BrokenVolatileCounter}. Fixed: {@link LockedCounter},
 * {@link SynchronizedCounter}, {@link AtomicCounter} (compare-and-set retry), {@link AdderCounter}.
 */
public final class LostUpdates {
    private static final Logger log = LoggerFactory.getLogger(LostUpdates.class);
    private static final Runnable NO_WINDOW = () -> { };

    // tag::idiom[]
    /** A shared number. */
    public interface Counter {
        default void add(long delta) {
            add(delta, NO_WINDOW);
        }

        /** The same add, with a test seam: {@code window} runs between the read and the write. */
        void add(long delta, Runnable window);

        long value();
    }

    /** Fixed with a ReentrantLock: lock(), then try/finally, so an exception cannot leave it held. */
    public static final class LockedCounter implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long value;

        @Override
        public void add(long delta, Runnable window) {
            lock.lock();
            try {
                long read = value;
                window.run();
                value = read + delta;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long value() {
            lock.lock();
            try {
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
    // end::idiom[]

    /** Broken: a plain field, read then written with nothing in between to stop the other thread. */
    public static final class UnsafeCounter implements Counter {
        private long value;

        @Override
        public void add(long delta, Runnable window) {
            long read = value;
            window.run();
            value = read + delta;
        }

        @Override
        public long value() {
            return value;
        }
    }

    /** Still broken: volatile makes each read and write visible, but read-then-write stays two steps. */
    public static final class BrokenVolatileCounter implements Counter {
        private volatile long value;

        @Override
        public void add(long delta, Runnable window) {
            long read = value;
            window.run();
            value = read + delta;
        }

        @Override
        public long value() {
            return value;
        }
    }

    /** Fixed with the object's monitor: the read and the write happen under one lock. */
    public static final class SynchronizedCounter implements Counter {
        private long value;

        @Override
        public synchronized void add(long delta, Runnable window) {
            long read = value;
            window.run();
            value = read + delta;
        }

        @Override
        public synchronized long value() {
            return value;
        }
    }

    /**
     * Fixed without a lock: compare-and-set writes only if nobody wrote since our read,
     * otherwise it reads again and retries. Both threads may read; only one write wins per read.
     */
    public static final class AtomicCounter implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void add(long delta, Runnable window) {
            long read;
            do {
                read = value.get();
                window.run();
            } while (!value.compareAndSet(read, read + delta));
        }

        @Override
        public long value() {
            return value.get();
        }
    }

    /**
     * Fixed by not having a read-modify-write at all: each thread adds to its own cell and
     * {@code sum()} adds the cells up. The window runs before the add: there is no gap inside.
     */
    public static final class AdderCounter implements Counter {
        private final LongAdder value = new LongAdder();

        @Override
        public void add(long delta, Runnable window) {
            window.run();
            value.add(delta);
        }

        @Override
        public long value() {
            return value.sum();
        }
    }

    /** The seed's experiment: what the counter ended at after {@code loops} of +1 and {@code loops} of -1. */
    public record Outcome(String counter, long loops, long result, Duration elapsed) {
    }

    private LostUpdates() {
    }

    /** One thread adds 1, another subtracts 1, {@code loops} times each; both joined. */
    public static Outcome plusMinus(Counter counter, long loops) throws InterruptedException {
        long begin = System.nanoTime();
        var threads = Thread.ofPlatform().name("counter-", 0);
        Thread adder = threads.start(() -> repeat(counter, +1, loops));
        Thread subtractor = threads.start(() -> repeat(counter, -1, loops));
        adder.join();
        subtractor.join();
        return new Outcome(counter.getClass().getSimpleName(), loops, counter.value(),
                Duration.ofNanos(System.nanoTime() - begin));
    }

    private static void repeat(Counter counter, long delta, long loops) {
        for (long i = 0; i < loops; i++) {
            counter.add(delta);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var counters = List.of(new UnsafeCounter(), new BrokenVolatileCounter(), new LockedCounter(),
                new SynchronizedCounter(), new AtomicCounter(), new AdderCounter());
        for (Counter counter : counters) {
            Outcome o = plusMinus(counter, 1_000_000);
            // No GIL: the two threads really run at once, so the broken counters are off by
            // thousands, and the JIT may even merge a whole loop into one write.
            log.info("{}: +1 and -1, {} times each -> {} ({} ms){}", o.counter(), o.loops(), o.result(),
                    o.elapsed().toMillis(), o.result() == 0 ? "" : "   <-- lost updates");
        }
    }
}
