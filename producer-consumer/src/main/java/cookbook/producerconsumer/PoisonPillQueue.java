package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-01. Python original: two producer processes put ten buns each into a {@code Queue(20)},
 * two consumers {@code get()} until they see {@code None}, which main puts once per consumer.
 *
 * <p>A {@link BlockingQueue} refuses {@code null}, so the "no more work" signal is a message
 * of its own: a sealed {@link Message} is either an {@link Item} or the {@link Pill}. Main
 * joins the producers first and only then puts one pill per consumer: a pill sent earlier
 * could overtake items still being produced.
 *
 * <p>What to notice: every item is taken exactly once (the put and take checksums match, the
 * JCIP way of checking a queue), and each consumer leaves its loop on the one pill it took.
 */
public final class PoisonPillQueue {
    private static final Logger log = LoggerFactory.getLogger(PoisonPillQueue.class);

    /** What travels through the queue: work, or the signal that there is no more. */
    public sealed interface Message permits Item, Pill {
    }

    /** One product. {@code value} is random; it feeds the put/take checksums. */
    public record Item(String producer, String food, int index, int value) implements Message {
        @Override
        public String toString() {
            return producer + " produced " + food + " #" + index;
        }
    }

    /** The poison pill: a single instance, recognised by type, never confused with an item. */
    public enum Pill implements Message { POISON }

    /** A producer's name and what it makes. */
    public record Producer(String name, String food) {
    }

    /** What one consumer took, in order, and how many pills it saw. */
    public record Consumed(List<Item> items, int pills) {
    }

    /**
     * The run's evidence: every item produced, what each consumer took, both checksums, the
     * largest queue size a producer saw, each consumer's state after main joined it, and
     * what was still in the queue at the end.
     */
    public record Outcome(List<Item> produced, Map<String, Consumed> consumedBy, long putChecksum,
                          long takeChecksum, int maxQueueSize, Map<String, Thread.State> consumerStatesAfterJoin,
                          int leftInQueue) {
    }

    public static final List<Producer> PRODUCERS = List.of(new Producer("fioman", "baozi"), new Producer("jingjing", "mantou"));
    public static final List<String> CONSUMERS = List.of("mengmeng", "xiaoxiao");

    private PoisonPillQueue() {
    }

    /** Called by a producer before it makes item {@code index}: a hook for tests. */
    public interface BeforeItem {
        BeforeItem NONE = (producer, index) -> { };

        void beforeItem(String producer, int index) throws InterruptedException;
    }

    /** Runs the two producers and two consumers over a queue of {@code capacity}. */
    public static Outcome run(int itemsPerProducer, int capacity, Duration produceDelay, Duration consumeDelay)
            throws InterruptedException {
        return run(itemsPerProducer, capacity, produceDelay, consumeDelay, BeforeItem.NONE);
    }

    /** The same run, with a hook each producer calls before making each item. */
    public static Outcome run(int itemsPerProducer, int capacity, Duration produceDelay, Duration consumeDelay,
                              BeforeItem hook) throws InterruptedException {
        BlockingQueue<Message> queue = new ArrayBlockingQueue<>(capacity);
        List<Item> produced = new ArrayList<>();
        var putChecksum = new AtomicLong();
        var takeChecksum = new AtomicLong();
        var maxSize = new AtomicInteger();
        Map<String, Consumed> consumedBy = new ConcurrentHashMap<>();

        var producers = new ArrayList<Thread>();
        for (Producer p : PRODUCERS) {
            producers.add(Thread.ofPlatform().name(p.name()).start(() -> {
                var mine = new ArrayList<Item>();
                try {
                    for (int i = 0; i < itemsPerProducer; i++) {
                        hook.beforeItem(p.name(), i);
                        Thread.sleep(produceDelay);
                        var item = new Item(p.name(), p.food(), i, ThreadLocalRandom.current().nextInt());
                        queue.put(item);
                        putChecksum.addAndGet(item.value());
                        maxSize.accumulateAndGet(queue.size(), Math::max);
                        mine.add(item);
                        log.info("{}", item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (produced) {
                    produced.addAll(mine);
                }
            }));
        }
        var consumers = new LinkedHashMap<String, Thread>();
        for (String name : CONSUMERS) {
            consumers.put(name, Thread.ofPlatform().name(name).start(() -> {
                try {
                    consumedBy.put(name, consume(queue, consumeDelay, takeChecksum));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        try {
            finish(producers, queue, consumers.values());
            var states = new LinkedHashMap<String, Thread.State>();
            consumers.forEach((name, consumer) -> states.put(name, consumer.getState()));
            log.info("main program finished ({} items, checksums put={} take={})",
                    produced.size(), putChecksum.get(), takeChecksum.get());
            return new Outcome(List.copyOf(produced), Map.copyOf(consumedBy), putChecksum.get(), takeChecksum.get(),
                    maxSize.get(), states, queue.size());
        } finally {
            // Only does something if main itself was interrupted: do not leave anyone behind.
            producers.forEach(Thread::interrupt);
            consumers.values().forEach(Thread::interrupt);
        }
    }

    // tag::idiom[]
    /** A consumer's loop: take until the pill. */
    private static Consumed consume(BlockingQueue<Message> queue, Duration consumeDelay, AtomicLong takeChecksum)
            throws InterruptedException {
        var taken = new ArrayList<Item>();
        int pills = 0;
        while (pills == 0) {
            // A switch over the sealed type: the compiler checks that both cases are handled.
            switch (queue.take()) {
                case Item item -> {
                    takeChecksum.addAndGet(item.value());
                    taken.add(item);
                    log.info("consumed '{}'", item);
                    Thread.sleep(consumeDelay);
                }
                case Pill pill -> {
                    pills++;
                    log.info("received the pill: the producers are done");
                }
            }
        }
        return new Consumed(List.copyOf(taken), pills);
    }

    /** Main's shutdown: producers first, then one pill per consumer, then the consumers. */
    private static void finish(List<Thread> producers, BlockingQueue<Message> queue, Collection<Thread> consumers)
            throws InterruptedException {
        for (Thread producer : producers) {
            producer.join();
        }
        // Only now is production over. A pill sent earlier could overtake items still to come.
        for (int i = 0; i < consumers.size(); i++) {
            queue.put(Pill.POISON);
        }
        for (Thread consumer : consumers) {
            consumer.join();
        }
    }
    // end::idiom[]

    public static void main(String[] args) throws InterruptedException {
        run(10, 20, Duration.ofMillis(100), Duration.ofMillis(150));
    }
}
