package cookbook.producerconsumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinableQueueTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    @DisplayName("PC-02: join() waits while one item is unfinished and returns on the last taskDone(), in every joiner")
    void joinReturnsExactlyWhenEveryItemIsDone() throws InterruptedException {
        var queue = new JoinableQueue<String>(20);
        for (String item : List.of("a", "b", "c")) {
            queue.put(item);
        }
        // Two joiners, like the seed's two producers: the last taskDone() must release both.
        try (var first = BlockingThread.start("joiner-1", queue::join);
             var second = BlockingThread.start("joiner-2", queue::join)) {
            // The test plays the consumer: taking is not enough, only taskDone() counts.
            assertEquals(List.of("a", "b", "c"), List.of(queue.take(), queue.take(), queue.take()));
            queue.taskDone();
            queue.taskDone();
            first.awaitWaiting();
            second.awaitWaiting();
            assertEquals(1, queue.unfinishedTasks());

            queue.taskDone();
            assertNull(first.awaitEnd());
            assertNull(second.awaitEnd());
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
    @DisplayName("PC-02: a put interrupted while the queue is full takes its count back: join() does not wait for it")
    void interruptedPutDoesNotCount() throws InterruptedException {
        var queue = new JoinableQueue<String>(1);
        queue.put("a");
        try (var producer = BlockingThread.start("producer", () -> queue.put("b"))) {
            producer.awaitWaiting();
            assertEquals(2, queue.unfinishedTasks(), "counted before it is visible");

            producer.thread().interrupt();
            assertInstanceOf(InterruptedException.class, producer.awaitEnd());
        }
        assertEquals(1, queue.unfinishedTasks());
    }

    @Test
    @DisplayName("PC-02: after join() returns, a consumer that loops for ever is still there, WAITING in take()")
    void consumerLingersAfterJoin() throws InterruptedException {
        var queue = new JoinableQueue<String>(20);
        try (var consumer = BlockingThread.start("consumer", () -> {
            while (true) {
                queue.take();
                queue.taskDone();
            }
        })) {
            for (String item : List.of("a", "b", "c")) {
                queue.put(item);
            }
            assertTrue(queue.join(PATIENCE));
            consumer.awaitWaiting();
            assertFalse(consumer.hasEnded());
        }
    }

    @Test
    @DisplayName("PC-02: both producers' join() return after all 20 items are processed; the daemon consumers linger")
    void producersJoinAfterAllProcessedAndConsumersLinger() throws InterruptedException, ExecutionException {
        var outcome = JoinableQueue.demo(10, Duration.ofMillis(1), PATIENCE, false);

        assertEquals(Map.of("fioman", true, "jingjing", true), outcome.joinedInTime());
        assertEquals(Map.of("fioman", 20, "jingjing", 20), outcome.processedWhenJoinReturned());
        assertEquals(Map.of("mengmeng", true, "xiaoxiao", true), outcome.consumersAliveAfterJoin());
    }

    @Test
    @DisplayName("PC-02: a forgotten taskDone() makes join() wait forever, caught by join(timeout) returning false")
    void forgottenTaskDoneHangsJoin() throws InterruptedException, ExecutionException {
        var outcome = JoinableQueue.demo(3, Duration.ofMillis(1), Duration.ofSeconds(1), true);

        assertEquals(Map.of("fioman", false, "jingjing", false), outcome.joinedInTime(),
                "one unfinished task keeps join() waiting for ever");
        assertEquals(Map.of("fioman", 6, "jingjing", 6), outcome.processedWhenJoinReturned(),
                "every item was processed: nothing is missing but the count");
    }

    @Test
    @DisplayName("PC-02: a main interrupted while the producers join ends them and the consumers: no thread outlives demo()")
    void interruptedDemoLeavesNoThreadBehind() {
        // One forgotten taskDone() and an hour's patience: only an interrupt ends the producers' join.
        try (var main = BlockingThread.start("main",
                () -> JoinableQueue.demo(3, Duration.ZERO, Duration.ofHours(1), true))) {
            main.awaitWaiting();
            main.thread().interrupt();
            assertInstanceOf(InterruptedException.class, main.awaitEnd());
        }
        // LeakCheck (registered for every test) fails this test if a producer or consumer is left.
    }
}
