package cookbook.pools;

import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputOrderMapTest {

    @Test
    @DisplayName("POOL-02: invokeAll returns results in input order even when tasks finish in reverse")
    void resultsInInputOrderWhileCompletionIsReversed() throws InterruptedException, ExecutionException {
        var outcome = InputOrderMap.mapInReverseCompletion(List.of(1, 2, 3, 4, 5, 6), x -> x * x);

        assertEquals(List.of(6, 5, 4, 3, 2, 1), outcome.completionOrder());
        assertEquals(List.of(1, 4, 9, 16, 25, 36), outcome.results());
    }
}
