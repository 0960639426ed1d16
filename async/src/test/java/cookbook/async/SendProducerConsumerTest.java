package cookbook.async;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.SendProducerConsumer.Line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
        var consumer = new SendProducerConsumer.Consumer("consumer", new ArrayList<>());
        try {
            assertEquals("", consumer.prime());
            assertEquals("200 OK", consumer.send(1));
        } finally {
            consumer.close();
        }
        assertFalse(consumer.thread().isAlive());
    }
}
