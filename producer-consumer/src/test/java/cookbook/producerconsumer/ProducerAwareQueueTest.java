package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.BlockingThread;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerAwareQueueTest {
    /** How long a woken thread may take to finish on a loaded machine; a lost wake-up never does. */
    private static final Duration WAKE_UP = Duration.ofSeconds(10);

    @RepeatedTest(10)
    @DisplayName("PC-03: consumers end on their own once both producers closed and the queue is empty; each item once")
    void consumersEndOnTheirOwn() throws InterruptedException {
        // Zero delays and room for 2 of 20 items: producers block on a full queue and the
        // consumers race for the last items, the case the notes' loop gets wrong.
        var outcome = ProducerAwareQueue.run(10, 2, Duration.ZERO, Duration.ZERO);

        List<String> consumed = new ArrayList<>();
        outcome.consumedBy().values().forEach(consumed::addAll);
        Collections.sort(consumed);
        assertEquals(20, outcome.produced().size());
        assertEquals(outcome.produced().stream().sorted().toList(), consumed);
        assertEquals(Map.of("mengmeng", Thread.State.TERMINATED, "xiaoxiao", Thread.State.TERMINATED),
                outcome.consumerStates());
    }

    @Test
    @DisplayName("PC-03: a take from a full queue wakes the producer blocked in put (its signal is not lost)")
    void takeWakesTheBlockedProducer() throws InterruptedException {
        var queue = new ProducerAwareQueue<String>(1, 1);
        queue.put("first");
        try (var producer = BlockingThread.start("producer", () -> queue.put("second"))) {
            producer.awaitWaiting();

            assertEquals(Optional.of("first"), queue.take());
            // There is room now; without take()'s signal the producer would sit WAITING beside it.
            assertNull(producer.awaitEnd(WAKE_UP));
            assertEquals(Optional.of("second"), queue.take());
        }
    }

    @Test
    @DisplayName("PC-03: a put wakes the consumer waiting on the empty queue (its signal is not lost)")
    void putWakesTheWaitingConsumer() throws InterruptedException {
        var queue = new ProducerAwareQueue<String>(1, 1);
        var taken = new AtomicReference<Optional<String>>();
        try (var consumer = BlockingThread.start("consumer", () -> taken.set(queue.take()))) {
            consumer.awaitWaiting();

            queue.put("bun");
            // The bun is there; without put()'s signal the consumer would sit WAITING beside it.
            assertNull(consumer.awaitEnd(WAKE_UP));
            assertEquals(Optional.of("bun"), taken.get());
        }
    }

    @Test
    @DisplayName("PC-03: an empty queue with a live producer keeps the consumer waiting; the last close releases it empty-handed")
    void emptyQueueWaitsUntilTheLastProducerCloses() throws InterruptedException {
        var queue = new ProducerAwareQueue<String>(2, 5);
        var result = new AtomicReference<Optional<String>>();
        try (var consumer = BlockingThread.start("consumer", () -> result.set(queue.take()))) {
            queue.producerDone();
            consumer.awaitWaiting();

            queue.producerDone();
            assertNull(consumer.awaitEnd(WAKE_UP));
            assertEquals(Optional.empty(), result.get());
        }
        assertThrows(IllegalStateException.class, () -> queue.put("late"));
        assertThrows(IllegalStateException.class, queue::producerDone);
    }

    @Test
    @DisplayName("PC-03: the notes' check-then-get loop strands a consumer in take() for ever when two race for the last item")
    void brokenCheckThenTakeStrandsAConsumer() {
        // Production is over and one item is left: both consumers see "not empty" before either takes.
        var queue = new ArrayBlockingQueue<String>(20);
        queue.add("last bun");
        var liveProducers = new AtomicInteger(0);
        var bothChecked = new CyclicBarrier(2);
        Runnable hook = () -> {
            try {
                bothChecked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException e) {
                throw new IllegalStateException(e);
            }
        };
        var consumed = Collections.synchronizedList(new ArrayList<String>());
        try (var first = BlockingThread.start("mengmeng",
                     () -> ProducerAwareQueue.BrokenCheckThenTake.consume(queue, liveProducers, hook, consumed));
             var second = BlockingThread.start("xiaoxiao",
                     () -> ProducerAwareQueue.BrokenCheckThenTake.consume(queue, liveProducers, hook, consumed))) {
            // One consumer gets the bun and leaves; the other is parked in take() with nobody left to put.
            await().atMost(WAKE_UP).until(() -> first.hasEnded() || second.hasEnded());
            var winner = first.hasEnded() ? first : second;
            var stranded = first.hasEnded() ? second : first;
            assertNull(winner.awaitEnd());
            stranded.awaitWaiting();
            assertEquals(List.of("last bun"), consumed);
            assertTrue(queue.isEmpty());
            assertFalse(stranded.hasEnded(), "still in take() with no producer left");
        }
    }

    @Test
    @DisplayName("PC-03: with a single consumer the notes' loop does drain the queue and end: the race needs two")
    void checkThenTakeWorksForOneConsumer() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(20);
        queue.addAll(List.of("a", "b", "c"));
        var consumed = new ArrayList<String>();

        ProducerAwareQueue.BrokenCheckThenTake.consume(queue, new AtomicInteger(0), consumed);

        assertEquals(List.of("a", "b", "c"), consumed);
    }

    @Test
    @DisplayName("PC-03: a main interrupted mid-run interrupts its producers and consumers: no thread outlives run()")
    void interruptedMainLeavesNoThreadBehind() {
        // Producers asleep for an hour before their first item, consumers waiting: only an interrupt ends them.
        try (var main = BlockingThread.start("main",
                () -> ProducerAwareQueue.run(10, 2, Duration.ofHours(1), Duration.ZERO))) {
            main.awaitWaiting();
            main.thread().interrupt();
            assertInstanceOf(InterruptedException.class, main.awaitEnd());
        }
        // LeakCheck (registered for every test) fails this test if a producer or consumer is left.
    }
}
