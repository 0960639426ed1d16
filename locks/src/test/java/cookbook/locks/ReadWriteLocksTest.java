package cookbook.locks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.ReadWriteLocks.Board;
import cookbook.locks.ReadWriteLocks.Point;
import cookbook.locks.ReadWriteLocks.Reading;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(4, ReadWriteLocks.readersTogether(new Board(), 4));
    }

    @Test
    @DisplayName("LCK-13: a writer waits (WAITING) while a reader is inside, and readers wait while the writer is")
    void writerExcludesAll() throws InterruptedException {
        var board = new Board();
        var daemons = Thread.ofPlatform().daemon(true);

        var reading = new Pause();
        Thread reader = daemons.name("reader").start(() -> board.read(reading));
        reading.inside().await();
        Thread writer = daemons.name("writer").start(() -> board.write("updated", () -> { }));
        ThreadStateProbe.awaitWaiting(writer);
        reading.letGo().countDown();
        assertTrue(writer.join(Duration.ofSeconds(10)) && reader.join(Duration.ofSeconds(10)));

        var writing = new Pause();
        Thread secondWriter = daemons.name("writer-2").start(() -> board.write("final", writing));
        writing.inside().await();
        var seen = new AtomicReference<String>();
        Thread lateReader = daemons.name("late-reader").start(() -> seen.set(board.read(() -> { })));
        ThreadStateProbe.awaitWaiting(lateReader);
        assertNull(seen.get());
        writing.letGo().countDown();
        assertTrue(secondWriter.join(Duration.ofSeconds(10)) && lateReader.join(Duration.ofSeconds(10)));
        assertEquals("final", seen.get(), "the reader got in only after the write");
    }

    @Test
    @DisplayName("LCK-13: an optimistic read is validated: valid with no writer, retried under the read lock after one")
    void optimisticReadIsValidated() {
        var point = new Point();
        assertEquals(new Reading(0, 0, true), point.read(() -> { }));

        // A writer from another thread moves the point between the optimistic read and validate().
        Runnable writerGetsIn = () -> {
            Thread writer = Thread.ofPlatform().name("writer").start(() -> point.moveTo(3, 4));
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertEquals(new Reading(3, 4, false), point.read(writerGetsIn));
    }
}
