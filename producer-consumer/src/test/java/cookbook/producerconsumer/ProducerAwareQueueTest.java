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

import cookbook.testsupport.StartGate;
import cookbook.testsupport.ThreadStateProbe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerAwareQueueTest {

    @RepeatedTest(20)
    @DisplayName("PC-03: consumers end on their own once both producers closed and the queue is empty; each item once")
    void consumersEndOnTheirOwn() throws InterruptedException {
        // Zero delays: the consumers race for the last items, the case the notes' loop gets wrong.
        var outcome = ProducerAwareQueue.run(10, 20, Duration.ZERO, Duration.ZERO);

        List<String> consumed = new ArrayList<>();
        outcome.consumedBy().values().forEach(consumed::addAll);
        Collections.sort(consumed);
        assertEquals(20, outcome.produced().size());
        assertEquals(outcome.produced().stream().sorted().toList(), consumed);
        assertEquals(Map.of("mengmeng", Thread.State.TERMINATED, "xiaoxiao", Thread.State.TERMINATED),
                outcome.consumerStates());
    }

    @Test
    @DisplayName("PC-03: an empty queue with a live producer keeps the consumer waiting; the last close releases it empty-handed")
    void emptyQueueWaitsUntilTheLastProducerCloses() throws InterruptedException {
        var queue = new ProducerAwareQueue<String>(2, 5);
        var result = new AtomicReference<Optional<String>>();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            try {
                result.set(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            queue.producerDone();
            ThreadStateProbe.awaitWaiting(consumer);
            queue.producerDone();
            StartGate.joinAll(List.of(consumer), Duration.ofSeconds(10));
            assertEquals(Optional.empty(), result.get());
            assertThrows(IllegalStateException.class, () -> queue.put("late"));
            assertThrows(IllegalStateException.class, queue::producerDone);
        } finally {
            consumer.interrupt();
            consumer.join();
        }
    }

    @Test
    @DisplayName("PC-03: the notes' check-then-get loop strands a consumer in take() for ever when two race for the last item")
    void brokenCheckThenTakeStrandsAConsumer() throws InterruptedException {
        // Production is over and one item is left: both consumers see "not empty" before either takes.
        var queue = new ArrayBlockingQueue<String>(20);
        queue.add("last bun");
        var liveProducers = new AtomicInteger(0);
        var bothChecked = new CyclicBarrier(2);
        Runnable hook = () -> {
            try {
                bothChecked.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw new IllegalStateException(e);
            }
        };
        var consumed = Collections.synchronizedList(new ArrayList<String>());
        var consumers = new ArrayList<Thread>();
        for (String name : List.of("mengmeng", "xiaoxiao")) {
            consumers.add(Thread.ofPlatform().name(name).daemon(true).start(() -> {
                try {
                    ProducerAwareQueue.BrokenCheckThenTake.consume(queue, liveProducers, hook, consumed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            // One consumer gets the bun and leaves; the other is parked in take() with nobody left to put.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> consumers.stream().anyMatch(t -> t.getState() == Thread.State.TERMINATED));
            Thread stranded = consumers.stream().filter(Thread::isAlive).findFirst().orElseThrow();
            ThreadStateProbe.awaitWaiting(stranded);
            assertEquals(List.of("last bun"), consumed);
            assertTrue(queue.isEmpty());
        } finally {
            consumers.forEach(Thread::interrupt);
            StartGate.joinAll(consumers, Duration.ofSeconds(10));
        }
    }
}
