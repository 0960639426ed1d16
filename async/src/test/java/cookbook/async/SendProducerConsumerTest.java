package cookbook.async;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.SendProducerConsumer.Consumer;
import cookbook.async.SendProducerConsumer.Line;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendProducerConsumerTest {

    @Test
    @DisplayName("ASYNC-10: producer and consumer alternate strictly: Producing n, Consuming n, Consumer return: 200 OK")
    void strictAlternation() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        List<Line> trace = SendProducerConsumer.produce(5);

        var expected = new ArrayList<Line>();
        for (int n = 1; n <= 5; n++) {
            expected.add(new Line(caller, "[PRODUCER] Producing " + n + "..."));
            expected.add(new Line("consumer", "[CONSUMER] Consuming " + n + "..."));
            expected.add(new Line(caller, "[PRODUCER] Consumer return: 200 OK"));
        }
        assertEquals(expected, trace);
    }

    @Test
    @DisplayName("ASYNC-10: priming returns the empty first reply, and close() ends the consumer's thread")
    void primeAndClose() throws InterruptedException {
        Consumer closed;
        try (var consumer = Consumer.start("consumer", new ArrayList<>())) {
            assertEquals("", consumer.prime());
            assertEquals("200 OK", consumer.send(1));
            closed = consumer;
        }
        assertFalse(closed.thread().isAlive());
    }

    @Test
    @DisplayName("ASYNC-10: send before prime is a clear error, not a deadlock, and close() still ends the consumer")
    void sendBeforePrimeFails() throws InterruptedException {
        Consumer closed;
        try (var consumer = Consumer.start("unprimed", new ArrayList<>())) {
            // On a thread of its own, so that a send that hangs fails this test instead of stalling it.
            try (var producer = BlockingThread.start("producer", () -> consumer.send(1))) {
                Throwable thrown = producer.awaitEnd();
                var error = assertInstanceOf(IllegalStateException.class, thrown);
                assertTrue(error.getMessage().contains("prime() first"), error.getMessage());
            }
            closed = consumer;
        }
        assertFalse(closed.thread().isAlive());
    }
}
