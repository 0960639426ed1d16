package cookbook.locks;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-13. Python original: none; Python's threading has no read-write lock, and the notes
 * stop at Lock and RLock, but a reader of a locks chapter expects one.
 *
 * <p>{@link Board} guards a value with a {@link ReentrantReadWriteLock}: any number of readers
 * hold the read lock together, a writer's write lock excludes readers and writers alike.
 * {@link Point} uses a {@link StampedLock}'s optimistic read: read without locking, then
 * {@code validate(stamp)}; if a writer got in meanwhile, read again under a real read lock.
 * Unlike {@code ReentrantReadWriteLock}, a {@code StampedLock} is not reentrant: a thread
 * holding its write lock that asks for it again waits for itself. Each read and write has an
 * overload taking a {@code window} (a {@link Runnable} run while the lock is held, or between
 * the optimistic read and its validation) so a test can pause it there.
 */
public final class ReadWriteLocks {
    private static final Logger log = LoggerFactory.getLogger(ReadWriteLocks.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** A value many read and few write. */
    public static final class Board {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private String value = "initial";

        public String read() {
            return read(NO_WINDOW);
        }

        /** The same read, with a test seam while the read lock is held. */
        public String read(Runnable window) {
            lock.readLock().lock();
            try {
                window.run();
                return value;
            } finally {
                lock.readLock().unlock();
            }
        }

        public void write(String newValue) {
            write(newValue, NO_WINDOW);
        }

        /** The same write, with a test seam while the write lock is held. */
        public void write(String newValue, Runnable window) {
            lock.writeLock().lock();
            try {
                window.run();
                value = newValue;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** What an optimistic read returned, and whether the stamp was still valid the first time. */
    public record Reading(int x, int y, boolean optimisticWasValid) {
    }

    // tag::idiom[]
    /** A point moved by writers and read optimistically. Both coordinates always change together. */
    public static final class Point {
        private final StampedLock lock = new StampedLock();
        private int x;
        private int y;

        public void moveTo(int newX, int newY) {
            long stamp = lock.writeLock();
            try {
                x = newX;
                y = newY;
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        public Reading read() {
            return read(NO_WINDOW);
        }

        /** The same read, with a test seam between the optimistic reads and the validation. */
        public Reading read(Runnable window) {
            long stamp = lock.tryOptimisticRead();
            int readX = x;
            int readY = y;
            window.run();
            // The copies may be torn (x from before a move, y from after): only a valid stamp
            // says no writer got in since tryOptimisticRead.
            if (lock.validate(stamp)) {
                return new Reading(readX, readY, true);
            }
            stamp = lock.readLock();
            try {
                return new Reading(x, y, false);
            } finally {
                lock.unlockRead(stamp);
            }
        }
    }
    // end::idiom[]

    /** How many readers were ever inside the read lock at once, and how many reads were done. */
    public record Readers(int peak, int reads) {
    }

    private ReadWriteLocks() {
    }

    /**
     * {@code readers} threads read the board; inside the read lock each waits until all of them
     * are inside. That finishes only because the read lock is shared.
     */
    public static Readers readersTogether(Board board, int readers) throws InterruptedException {
        var allInside = new CountDownLatch(readers);
        var inside = new AtomicInteger();
        var peak = new AtomicInteger();
        var reads = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < readers; i++) {
            threads.add(Thread.ofPlatform().name("reader-", i).start(() -> board.read(() -> {
                peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                allInside.countDown();
                try {
                    allInside.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                reads.incrementAndGet();
            })));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Readers(peak.get(), reads.get());
    }

    public static void main(String[] args) throws InterruptedException {
        var board = new Board();
        log.info("5 readers, read lock: {}", readersTogether(board, 5));

        var readerInside = new CountDownLatch(1);
        var readerMayLeave = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().name("reader").start(() -> board.read(() -> {
            readerInside.countDown();
            try {
                readerMayLeave.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        readerInside.await();
        Thread writer = Thread.ofPlatform().name("writer").start(() -> board.write("updated"));
        writer.join(500);
        log.info("while a reader holds the read lock, the writer is {}", writer.getState());
        readerMayLeave.countDown();
        reader.join();
        writer.join();
        log.info("after the reader left: board = {}", board.read());

        var point = new Point();
        log.info("optimistic read, nobody writing: {}", point.read());
        log.info("optimistic read, a writer moves the point mid-read: {}", point.read(() -> point.moveTo(3, 4)));
    }
}
