package cookbook.producerconsumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.StartGate;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinableQueueTest {
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(20);

    @Test
    @DisplayName("PC-02: join() waits while one item is unfinished and returns on the last taskDone()")
    void joinReturnsExactlyWhenEveryItemIsDone() throws InterruptedException {
        var queue = new JoinableQueue<String>(20);
        for (String item : List.of("a", "b", "c")) {
            queue.put(item);
        }
        var returned = new AtomicBoolean();
        Thread joiner = Thread.ofPlatform().name("joiner").start(() -> {
            try {
                queue.join();
                returned.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            // The test plays the consumer: taking is not enough, only taskDone() counts.
            queue.take();
            queue.take();
            queue.take();
            queue.taskDone();
            queue.taskDone();
            ThreadStateProbe.awaitWaiting(joiner);
            assertEquals(1, queue.unfinishedTasks());
            assertFalse(returned.get());

            queue.taskDone();
            StartGate.joinAll(List.of(joiner), Duration.ofSeconds(10));
            assertTrue(returned.get());
        } finally {
            joiner.interrupt();
            joiner.join();
        }
    }

    @Test
    @DisplayName("PC-02: taskDone() more often than items were put throws, like Python's ValueError")
    void extraTaskDoneThrows() throws InterruptedException {
        var queue = new JoinableQueue<String>(2);
        queue.put("only");
        queue.take();
        queue.taskDone();

        assertThrows(IllegalStateException.class, queue::taskDone);
        assertTrue(queue.join(Duration.ZERO), "the count stayed at zero");
    }

    @Test
    @DisplayName("PC-02: both producers' join() return after all 20 items are processed; the daemon consumers linger in take()")
    void producersJoinAfterAllProcessedAndConsumersLinger() throws InterruptedException {
        var outcome = JoinableQueue.demo(10, Duration.ofMillis(1), JOIN_PATIENCE, false);

        assertTrue(outcome.joined());
        assertEquals(Map.of("fioman", 20, "jingjing", 20), outcome.processedWhenJoinReturned());
        assertEquals(Map.of("mengmeng", Thread.State.WAITING, "xiaoxiao", Thread.State.WAITING),
                outcome.consumerStatesAfterJoin());
    }

    @Test
    @DisplayName("PC-02: a forgotten taskDone() makes join() wait forever, caught by join(timeout) returning false")
    void forgottenTaskDoneHangsJoin() throws InterruptedException {
        var outcome = JoinableQueue.demo(3, Duration.ofMillis(1), Duration.ofMillis(300), true);

        assertFalse(outcome.joined(), "one unfinished task keeps join() waiting for ever");
        assertEquals(Map.of("mengmeng", Thread.State.WAITING, "xiaoxiao", Thread.State.WAITING),
                outcome.consumerStatesAfterJoin(), "the queue was drained: nothing left to do but the count");
    }
}
