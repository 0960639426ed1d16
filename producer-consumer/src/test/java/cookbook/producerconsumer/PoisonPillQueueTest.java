package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.producerconsumer.PoisonPillQueue.BeforeItem;
import cookbook.producerconsumer.PoisonPillQueue.Consumed;
import cookbook.producerconsumer.PoisonPillQueue.Item;
import cookbook.producerconsumer.PoisonPillQueue.Outcome;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoisonPillQueueTest {
    private static final Duration FAST = Duration.ofMillis(1);
    private static final int LAST = 9;

    @Test
    @DisplayName("PC-01: 2 producers, 2 consumers, capacity 20: every item is consumed exactly once (checksums match)")
    void everyItemConsumedExactlyOnce() throws InterruptedException {
        var outcome = PoisonPillQueue.run(10, 20, FAST, FAST);

        List<Item> consumed = new ArrayList<>();
        outcome.consumedBy().values().forEach(c -> consumed.addAll(c.items()));
        var byName = Comparator.comparing(Item::producer).thenComparingInt(Item::index);
        assertEquals(20, outcome.produced().size());
        assertEquals(20, new HashSet<>(outcome.produced()).size(), "the index makes every item unique");
        assertEquals(outcome.produced().stream().sorted(byName).toList(), consumed.stream().sorted(byName).toList());
        assertEquals(outcome.putChecksum(), outcome.takeChecksum());
        assertTrue(outcome.maxQueueSize() <= 20, "max size " + outcome.maxQueueSize());
    }

    @Test
    @DisplayName("PC-01: each consumer stops on exactly one pill and no consumer thread is left running")
    void eachConsumerStopsOnItsPill() throws InterruptedException {
        var outcome = PoisonPillQueue.run(10, 20, FAST, FAST);

        assertEquals(PoisonPillQueue.CONSUMERS.size(), outcome.consumedBy().size());
        outcome.consumedBy().forEach((name, consumed) -> assertEquals(1, consumed.pills(), name));
        assertEquals(Map.of("mengmeng", Thread.State.TERMINATED, "xiaoxiao", Thread.State.TERMINATED),
                outcome.consumerStatesAfterJoin());
        assertEquals(0, outcome.leftInQueue(), "one pill per consumer: none left over");
    }

    @Test
    @DisplayName("PC-01: an item names its producer, food and index, the argument the seed's format string drops")
    void anItemSaysWhichOneItIs() {
        assertEquals("fioman produced baozi #3", new Item("fioman", "baozi", 3, 42).toString());
    }

    @Test
    @DisplayName("PC-01: within one consumer, each producer's items arrive in the order they were made")
    void eachProducersItemsStayInOrder() throws InterruptedException {
        // A small queue keeps the producers blocked often, so the two streams interleave heavily.
        var outcome = PoisonPillQueue.run(10, 2, Duration.ZERO, Duration.ZERO);

        for (Consumed consumed : outcome.consumedBy().values()) {
            for (var producer : PoisonPillQueue.PRODUCERS) {
                List<Integer> indexes = consumed.items().stream()
                        .filter(i -> i.producer().equals(producer.name())).map(Item::index).toList();
                assertEquals(indexes.stream().sorted().toList(), indexes);
            }
        }
        assertTrue(outcome.maxQueueSize() <= 2, "max size " + outcome.maxQueueSize());
    }

    @Test
    @DisplayName("PC-01: the pills go in only after every producer has finished: held back before their last item, the producers still get it eaten")
    void pillsOnlyAfterEveryProducerFinished() throws InterruptedException {
        var release = new CountDownLatch(1);
        var outcome = new AtomicReference<Outcome>();
        // Both producers wait before their last item. Main must then be parked in join(); a main
        // that sends the pills early has put them in the queue by now, ahead of the last items.
        BeforeItem holdLast = (producer, index) -> {
            if (index == LAST) {
                release.await(10, TimeUnit.SECONDS);
            }
        };
        try (var main = BlockingThread.start("main",
                () -> outcome.set(PoisonPillQueue.run(LAST + 1, 20, Duration.ZERO, Duration.ZERO, holdLast)))) {
            main.awaitWaiting();
            release.countDown();
            assertNull(main.awaitEnd());
        }

        List<Item> consumed = new ArrayList<>();
        outcome.get().consumedBy().values().forEach(c -> consumed.addAll(c.items()));
        assertEquals(2 * (LAST + 1), consumed.size(), "every item eaten, the two last ones included: " + consumed);
        assertEquals(Set.of("fioman", "jingjing"), consumed.stream().filter(i -> i.index() == LAST)
                .map(Item::producer).collect(Collectors.toSet()), "both last items, put after the release");
        assertEquals(0, outcome.get().leftInQueue());
    }

    @Test
    @DisplayName("PC-01: a main interrupted mid-run interrupts its producers and consumers: no thread outlives run()")
    void interruptedMainLeavesNoThreadBehind() throws InterruptedException {
        // Producers stuck before their first item, consumers idle in take(): only an interrupt ends them.
        var held = new CountDownLatch(2);
        var never = new CountDownLatch(1);
        BeforeItem holdForEver = (producer, index) -> {
            held.countDown();
            never.await();
        };
        try (var main = BlockingThread.start("main",
                () -> PoisonPillQueue.run(LAST + 1, 20, Duration.ZERO, Duration.ZERO, holdForEver))) {
            assertTrue(held.await(10, TimeUnit.SECONDS), "both producers are held before their first item");
            main.awaitWaiting();
            main.thread().interrupt();
            assertInstanceOf(InterruptedException.class, main.awaitEnd());
        }
        // LeakCheck (registered for every test) fails this test if a producer or consumer is left.
    }
}
