package cookbook.locks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.ReadWriteLocks.Board;
import cookbook.locks.ReadWriteLocks.Point;
import cookbook.locks.ReadWriteLocks.Reading;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReadWriteLocksTest {

    /** A window that parks its thread inside the lock until the test lets it go. */
    private record Pause(CountDownLatch inside, CountDownLatch letGo) implements Runnable {
        Pause() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        @Override
        public void run() {
            inside.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @DisplayName("LCK-13: readers proceed together: 4 readers are inside the read lock at once")
    void readersShareTheLock() throws InterruptedException {
        var board = new Board();
        assertEquals(new ReadWriteLocks.Readers(4, 4), ReadWriteLocks.readersTogether(board, 4));
        OtherThread.assertGoesStraightThrough("writer", () -> board.write("after"));
        assertEquals("after", board.read(), "every reader let go of the read lock");
    }

    @Test
    @DisplayName("LCK-13: a writer waits (WAITING) while a reader is inside, and readers wait while the writer is")
    void writerExcludesAll() throws InterruptedException {
        var board = new Board();

        var reading = new Pause();
        try (var reader = BlockingThread.start("reader", () -> board.read(reading))) {
            reading.inside().await();
            try (var writer = BlockingThread.start("writer", () -> board.write("updated"))) {
                writer.awaitWaiting();
                reading.letGo().countDown();
                assertNull(writer.awaitEnd());
            }
            assertNull(reader.awaitEnd());
        }

        var writing = new Pause();
        var seen = new AtomicReference<String>();
        try (var secondWriter = BlockingThread.start("writer-2", () -> board.write("final", writing))) {
            writing.inside().await();
            try (var lateReader = BlockingThread.start("late-reader", () -> seen.set(board.read()))) {
                lateReader.awaitWaiting();
                assertNull(seen.get());
                writing.letGo().countDown();
                assertNull(lateReader.awaitEnd());
            }
            assertNull(secondWriter.awaitEnd());
        }
        assertEquals("final", seen.get(), "the reader got in only after the write");
    }

    @Test
    @DisplayName("LCK-13: an optimistic read is validated: valid with no writer, retried under the read lock after one")
    void optimisticReadIsValidated() {
        var point = new Point();
        assertEquals(new Reading(0, 0, true), point.read());

        // A writer from another thread moves the point between the optimistic read and validate().
        Runnable writerGetsIn = () -> OtherThread.assertGoesStraightThrough("writer", () -> point.moveTo(3, 4));
        assertEquals(new Reading(3, 4, false), point.read(writerGetsIn));
        // The retry's read lock was given back: a writer is not kept out.
        OtherThread.assertGoesStraightThrough("writer", () -> point.moveTo(5, 6));
        assertEquals(new Reading(5, 6, true), point.read());
    }
}
