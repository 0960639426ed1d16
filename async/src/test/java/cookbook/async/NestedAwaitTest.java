package cookbook.async;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.NestedAwait.Step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NestedAwaitTest {
    private static final Duration D = Duration.ofMillis(40);

    @Test
    @DisplayName("ASYNC-04: get_sum awaits compute: results 3 and 60, printed in the seed's order on one loop thread")
    void nestedAwaitInOrder() {
        var outcome = NestedAwait.run(D);

        assertEquals(3, outcome.first());
        assertEquals(60, outcome.second());
        assertEquals(List.of("compute x+y => 1+2", "1 + 2 = 3", "compute x+y => 10+50", "10 + 50 = 60"),
                outcome.steps().stream().map(Step::what).toList());
        assertTrue(outcome.steps().stream().allMatch(s -> s.thread().equals("event-loop")), outcome.steps()::toString);
        // One loop thread by identity: a pool of threads all named "event-loop" would pass the name check.
        List<Long> ids = outcome.steps().stream().map(Step::threadId).distinct().toList();
        assertEquals(1, ids.size(), outcome.steps()::toString);
        assertNotEquals(Thread.currentThread().threadId(), ids.getFirst());
    }

    @Test
    @DisplayName("ASYNC-04: two awaits chained with thenCompose run one after the other, so they take at least 2d")
    void chainedAwaitsAreSequential() {
        var outcome = NestedAwait.run(D);

        assertTrue(outcome.elapsed().compareTo(D.multipliedBy(2)) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.multipliedBy(2).plusSeconds(10)) < 0, "elapsed " + outcome.elapsed());
    }
}
