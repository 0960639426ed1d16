package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingQueueOnVirtualThreadsTest {

    @Test
    @DisplayName("ASYNC-06: with nobody consuming, the queue of 5 fills up, producers park in put() and offer() fails")
    void producersBlockWhenFull() throws InterruptedException {
        try (var run = BlockingQueueOnVirtualThreads.start(5, 5, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> run.queue().remainingCapacity() == 0);
            // Ten items, room for five: whoever is not finished is parked in put().
            await().atMost(Duration.ofSeconds(10)).until(() -> run.producers().stream()
                    .allMatch(p -> p.getState() == Thread.State.WAITING || p.getState() == Thread.State.TERMINATED));
            assertTrue(run.producers().stream().anyMatch(p -> p.getState() == Thread.State.WAITING));
            assertTrue(run.producers().stream().allMatch(Thread::isVirtual));
            assertFalse(run.queue().offer("one too many"));
            assertEquals(5, run.queue().size());

            run.consume(10, Duration.ZERO);
        }
    }

    @Test
    @DisplayName("ASYNC-06: two producers, one consumer: all 10 labelled items arrive once, each producer's in order")
    void nothingLostOrDuplicated() throws InterruptedException {
        BlockingQueueOnVirtualThreads.Outcome outcome;
        var run = BlockingQueueOnVirtualThreads.start(5, 5, Duration.ofMillis(2));
        try (run) {
            outcome = run.consume(10, Duration.ofMillis(1));
        }

        // close() joined both producers, and they put exactly the ten items that were taken.
        assertTrue(run.producers().stream().noneMatch(Thread::isAlive));
        assertTrue(run.queue().isEmpty(), run.queue()::toString);
        var expected = new ArrayList<String>();
        IntStream.range(0, 5).forEach(i -> expected.addAll(List.of("a1-" + i, "a2-" + i)));
        assertEquals(expected.stream().sorted().toList(), outcome.consumed().stream().sorted().toList());
        for (String producer : List.of("a1", "a2")) {
            assertEquals(IntStream.range(0, 5).mapToObj(i -> producer + "-" + i).toList(),
                    outcome.consumed().stream().filter(s -> s.startsWith(producer + "-")).toList());
        }
        assertTrue(outcome.maxSizeSeen() <= 5, "size " + outcome.maxSizeSeen());
    }

    @Test
    @DisplayName("ASYNC-06: close() waits for both producers: once it returns they have ended and every item is in the queue")
    void closeWaitsForTheProducers() throws InterruptedException {
        // Room for all ten, and a pause before each put: the producers are still at work when close() is called.
        var run = BlockingQueueOnVirtualThreads.start(10, 5, Duration.ofMillis(100));
        run.close();

        assertTrue(run.producers().stream().noneMatch(Thread::isAlive), run.producers()::toString);
        assertEquals(10, run.queue().size(), run.queue()::toString);
    }
}
