package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.producerconsumer.PoisonPillQueue.Consumed;
import cookbook.producerconsumer.PoisonPillQueue.Item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoisonPillQueueTest {
    private static final Duration FAST = Duration.ofMillis(1);

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
}
