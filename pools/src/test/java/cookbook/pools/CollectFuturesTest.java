package cookbook.pools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectFuturesTest {
    // Two rounds of 500 ms: far above what 20 empty tasks cost even on a crowded machine, so
    // the lower bound holds only if the tasks really take their time.
    private static final Duration UNIT = Duration.ofMillis(500);

    @Test
    @DisplayName("POOL-05: 20 kept futures are all done after close(), resultNow() reads each, in [0, 10]")
    void futuresReadAfterClose() {
        var collected = CollectFutures.collectAfterClose(20, 10, UNIT);

        assertTrue(collected.allDoneAfterClose());
        assertEquals(20, collected.results().size());
        assertTrue(collected.results().stream().allMatch(r -> r >= 0 && r <= 10), collected.results().toString());
        // Twenty independent draws from 0..10 are all equal with odds of about 1e-20: these are
        // the tasks' own values, not a default.
        assertTrue(collected.results().stream().distinct().count() > 1, collected.results().toString());
        // ceil(20/10) = 2 rounds of d, with wide slack above.
        String took = "took " + collected.elapsed().toMillis() + " ms";
        assertTrue(collected.elapsed().compareTo(UNIT.multipliedBy(2)) >= 0, took);
        assertTrue(collected.elapsed().compareTo(UNIT.multipliedBy(2).plusSeconds(5)) < 0, took);
    }

    @Test
    @DisplayName("POOL-05: a finishing order that names a task that does not exist fails at once: every held task is let go, nothing hangs")
    void badFinishingOrderFailsWithoutHanging() {
        // Task 1 would wait at its gate forever if a failure path forgot it; close() would then hang.
        assertThrows(IndexOutOfBoundsException.class,
                () -> CollectFutures.squaresInTwoOrders(List.of(0, 1, 2), List.of(0, 7)));
    }

    @Test
    @DisplayName("POOL-05: the futures list gives input order, a CompletionService gives completion order [1, 0, 4, 9, 25, 16...]")
    void completionServiceGivesCompletionOrder() throws InterruptedException, ExecutionException {
        var orders = CollectFutures.squaresInTwoOrders(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                List.of(1, 0, 2, 3, 5, 4, 7, 6, 9, 8));

        assertEquals(List.of(1, 0, 4, 9, 25, 16, 49, 36, 81, 64), orders.completionServiceOrder());
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), orders.futuresListOrder());
    }
}
