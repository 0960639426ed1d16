package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-06. Python original: two coroutines {@code add} put five items each into an
 * {@code asyncio.Queue(maxsize=5)} and one coroutine {@code reduce} takes all ten.
 *
 * <p>Java's idiom is the plain blocking queue, on virtual threads: {@code put} on a full
 * {@link ArrayBlockingQueue} parks the producer, which on a virtual thread costs no OS thread,
 * just as {@code await queue.put()} suspends a coroutine. Items carry their producer's label
 * ({@code a1-0}), which the seed meant to print but never put in the queue.
 */
public final class BlockingQueueOnVirtualThreads {
    private static final Logger log = LoggerFactory.getLogger(BlockingQueueOnVirtualThreads.class);

    /** What the consumer took, in order, and the largest queue size it saw after a take. */
    public record Outcome(List<String> consumed, int maxSizeSeen) {
    }

    private BlockingQueueOnVirtualThreads() {
    }

    /**
     * The two producers, already running, and the queue between them and the consumer.
     * {@link #consume} plays {@code reduce}; {@link #close} waits for the producers.
     */
    public static final class Run implements AutoCloseable {
        private final BlockingQueue<String> queue;
        private final List<Thread> producers;

        private Run(BlockingQueue<String> queue, List<Thread> producers) {
            this.queue = queue;
            this.producers = producers;
        }

        public BlockingQueue<String> queue() {
            return queue;
        }

        public List<Thread> producers() {
            return producers;
        }

        /** Takes {@code count} items, pausing {@code pause} after each, as {@code reduce} does. */
        public Outcome consume(int count, Duration pause) throws InterruptedException {
            var consumed = new ArrayList<String>();
            int maxSize = 0;
            for (int i = 0; i < count; i++) {
                String item = queue.take();
                int size = queue.size();
                maxSize = Math.max(maxSize, size);
                log.info(" reduce one.. {}, size: {}", item, size);
                consumed.add(item);
                Thread.sleep(pause);
            }
            return new Outcome(List.copyOf(consumed), maxSize);
        }

        @Override
        public void close() throws InterruptedException {
            for (Thread p : producers) {
                p.join();
            }
        }
    }

    // tag::idiom[]
    /**
     * Starts producers {@code a1} and {@code a2} on virtual threads; each puts
     * {@code perProducer} labelled items into a queue of {@code capacity}, pausing {@code pause}
     * before each put. Nobody consumes until {@link Run#consume} is called.
     */
    public static Run start(int capacity, int perProducer, Duration pause) {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(capacity);
        List<Thread> producers = new ArrayList<>();
        for (String name : List.of("a1", "a2")) {
            producers.add(Thread.ofVirtual().name(name).start(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        Thread.sleep(pause);
                        // Blocks (parks the virtual thread) while the queue is full.
                        queue.put(name + "-" + i);
                        log.info("{} add one ... {} - {}, size: {}", name, name, i, queue.size());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return new Run(queue, List.copyOf(producers));
    }
    // end::idiom[]

    public static void main(String[] args) throws InterruptedException {
        try (Run run = start(5, 5, Duration.ofMillis(200))) {
            // Give the producers a head start: they fill the queue and then wait for room.
            Thread.sleep(Duration.ofSeconds(2));
            log.info("before the consumer starts: size {}, producers {} and {}", run.queue().size(),
                    run.producers().get(0).getState(), run.producers().get(1).getState());
            Outcome outcome = run.consume(10, Duration.ofMillis(300));
            log.info("consumed {}", outcome.consumed());
        }
    }
}
