package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-03. Python original: a hypothetical {@code StatusableQueue(product_n=2, size=20)} whose
 * producers count themselves out, so consumers loop until no producer is left and the queue
 * is empty, with neither sentinel nor {@code join}.
 *
 * <p>The notes' loop checks "producers gone and queue empty?" and then calls a blocking
 * {@code get()}: between the check and the get another consumer can take the last item,
 * and the first blocks for ever ({@link BrokenCheckThenTake}). The fix puts the check and
 * the wait under one lock: {@link #take()} waits while the queue is empty <em>and</em> a
 * producer is still live, and returns {@link Optional#empty()} once every producer has
 * closed and the queue is drained, like receiving from a closed Go channel.
 *
 * <p>What to notice: main joins only the consumers, and they end on their own.
 */
public final class ProducerAwareQueue<E> {
    private static final Logger log = LoggerFactory.getLogger(ProducerAwareQueue.class);

    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmptyOrClosed = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int liveProducers;

    public ProducerAwareQueue(int producers, int capacity) {
        this.liveProducers = producers;
        this.capacity = capacity;
    }

    /** Waits while the queue is full; throws once every producer has closed it. */
    public void put(E item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (liveProducers == 0) {
                throw new IllegalStateException("every producer has closed the queue");
            }
            while (items.size() == capacity) {
                notFull.await();
            }
            items.addLast(item);
            // One item, one consumer to wake: without this signal a waiting consumer sleeps on beside it.
            notEmptyOrClosed.signal();
        } finally {
            lock.unlock();
        }
    }

    // tag::idiom[]
    /** A producer says it is finished; the last one wakes every waiting consumer. */
    public void producerDone() {
        lock.lock();
        try {
            if (liveProducers == 0) {
                throw new IllegalStateException("more producerDone() calls than producers");
            }
            if (--liveProducers == 0) {
                notEmptyOrClosed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting if needed; empty once all producers are done and nothing is left. */
    public Optional<E> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            // Check and wait under the same lock: no other consumer can slip in between.
            while (items.isEmpty() && liveProducers > 0) {
                notEmptyOrClosed.await();
            }
            if (items.isEmpty()) {
                return Optional.empty();
            }
            E item = items.removeFirst();
            // Room for one more: wake one producer waiting in put(), or it waits for ever.
            notFull.signal();
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }
    // end::idiom[]

    /** What each consumer took, and each consumer's state after main joined it. */
    public record Outcome(List<String> produced, Map<String, List<String>> consumedBy,
                          Map<String, Thread.State> consumerStates) {
    }

    /** Two producers put {@code perProducer} items each and close; two consumers drain; main joins only them. */
    public static Outcome run(int perProducer, int capacity, Duration produceDelay, Duration consumeDelay)
            throws InterruptedException {
        var producerNames = List.of("fioman", "jingjing");
        var queue = new ProducerAwareQueue<String>(producerNames.size(), capacity);
        var produced = new ArrayList<String>();
        var producers = new ArrayList<Thread>();
        for (String name : producerNames) {
            producers.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        Thread.sleep(produceDelay);
                        String item = name + " produced bun #" + i;
                        queue.put(item);
                        synchronized (produced) {
                            produced.add(item);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    // In a finally: a producer that fails must still count itself out, or consumers wait for ever.
                    queue.producerDone();
                    log.info("{} is done producing", name);
                }
            }));
        }
        var consumedBy = new LinkedHashMap<String, List<String>>();
        var consumers = new LinkedHashMap<String, Thread>();
        for (String name : List.of("mengmeng", "xiaoxiao")) {
            var mine = new ArrayList<String>();
            consumedBy.put(name, mine);
            consumers.put(name, Thread.ofPlatform().name(name).start(() -> {
                try {
                    for (var item = queue.take(); item.isPresent(); item = queue.take()) {
                        mine.add(item.get());
                        log.info("{} consumed '{}'", name, item.get());
                        Thread.sleep(consumeDelay);
                    }
                    log.info("{}: all producers closed and the queue is empty, leaving", name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            // Only the consumers are joined: when they are done, the producers necessarily are too.
            var states = new LinkedHashMap<String, Thread.State>();
            for (var consumer : consumers.entrySet()) {
                consumer.getValue().join();
                states.put(consumer.getKey(), consumer.getValue().getState());
            }
            // Tidiness, not correctness: a producer may still be logging its last line.
            for (Thread producer : producers) {
                producer.join();
            }
            synchronized (produced) {
                return new Outcome(List.copyOf(produced), Map.copyOf(consumedBy), states);
            }
        } finally {
            // Only reached early if main itself is interrupted: do not leave anyone behind.
            producers.forEach(Thread::interrupt);
            consumers.values().forEach(Thread::interrupt);
        }
    }

    /**
     * BROKEN: the notes' loop, {@code while not (producers == 0 and size == 0): get()}, over
     * a plain {@link BlockingQueue}: between the check and the blocking take another consumer
     * can take the last item.
     */
    public static final class BrokenCheckThenTake {
        private BrokenCheckThenTake() {
        }

        public static <E> void consume(BlockingQueue<E> queue, AtomicInteger liveProducers, List<E> out)
                throws InterruptedException {
            consume(queue, liveProducers, () -> { }, out);
        }

        /** The same loop with a test hook in the window between the check and the take. */
        public static <E> void consume(BlockingQueue<E> queue, AtomicInteger liveProducers,
                                       Runnable betweenCheckAndTake, List<E> out) throws InterruptedException {
            while (!(liveProducers.get() == 0 && queue.isEmpty())) {
                betweenCheckAndTake.run();
                out.add(queue.take());
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var outcome = run(10, 20, Duration.ofMillis(100), Duration.ofMillis(150));
        log.info("consumers ended by themselves: {}, items consumed: {}", outcome.consumerStates(),
                outcome.consumedBy().values().stream().mapToInt(List::size).sum());
    }
}
