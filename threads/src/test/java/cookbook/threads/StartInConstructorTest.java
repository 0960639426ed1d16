package cookbook.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.ThreadStateProbe;
import cookbook.threads.StartInConstructor.BrokenStartsInConstructor;
import cookbook.threads.StartInConstructor.LatchedStartsInConstructor;
import cookbook.threads.StartInConstructor.Seen;
import cookbook.threads.StartInConstructor.StartedByFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartInConstructorTest {

    @RepeatedTest(20)
    @DisplayName("THR-07: a field set before start() is always seen; fields set after it read as 0 and null when the thread reads first")
    void brokenSeesDefaultsAfterStart() throws InterruptedException {
        assertEquals(new Seen(1, 0, null), new BrokenStartsInConstructor().seen());
    }

    @Test
    @DisplayName("THR-07: fields set after start() are seen when a latch orders the read after the writes")
    void latchPublishesLateFields() throws InterruptedException {
        assertEquals(new Seen(1, 2, "ready"), new LatchedStartsInConstructor().seen());
    }

    @Test
    @DisplayName("THR-07: with the latch, the late fields are seen even when the reader is ready before they are written")
    void latchHoldsAReaderThatIsReadyFirst() throws InterruptedException {
        // The constructor goes on only once its reader is parked (or, without the latch, done).
        var latched = new LatchedStartsInConstructor(
                reader -> ThreadStateProbe.awaitState(reader, Thread.State.WAITING, Thread.State.TERMINATED));

        assertEquals(new Seen(1, 2, "ready"), latched.seen());
    }

    @RepeatedTest(20)
    @DisplayName("THR-07: a static factory that starts the thread after construction shows every field")
    void factorySeesEverything() throws InterruptedException {
        assertEquals(new Seen(1, 2, "ready"), StartedByFactory.create().seen());
    }
}
