package cookbook.pools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.ApplyVsMap.Run;
import cookbook.pools.ApplyVsMap.Style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplyVsMapTest {
    private static final Duration UNIT = Duration.ofMillis(50);
    private static final List<Integer> INPUTS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final List<Integer> SQUARES = List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);

    /**
     * Runs the style on 2 workers with work that needs 2 tasks inside at once, and checks that
     * exactly 2 ran at once on exactly 2 threads: a serial or one-thread executor never fills
     * the rendezvous, a pool of 3 starts a third thread.
     */
    private static Run runTwoAtATime(Style style) throws InterruptedException, ExecutionException {
        var gate = Rendezvous.of(2);
        var run = ApplyVsMap.run(style, INPUTS, 2, gate);
        assertEquals(10, gate.passed());
        assertEquals(2, run.peakConcurrency());
        assertEquals(2, gate.threads().size(), "threads that ran the tasks");
        return run;
    }

    @Test
    @DisplayName("POOL-06: apply in a loop runs one task at a time, 10 tasks of d take at least 10d")
    void applySerialises() throws InterruptedException, ExecutionException {
        var run = ApplyVsMap.run(Style.APPLY, INPUTS, 2, UNIT);

        assertEquals(SQUARES, run.results());
        assertEquals(1, run.peakConcurrency());
        assertTrue(run.elapsed().compareTo(UNIT.multipliedBy(10)) >= 0, "took " + run.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("POOL-06: apply_async runs exactly 2 at a time on 2 workers and calls back once per result, sorted they are the squares")
    void applyAsyncCallsBackPerResult() throws InterruptedException, ExecutionException {
        var gated = runTwoAtATime(Style.APPLY_ASYNC);
        assertEquals(10, gated.callbackCalls());
        // Completion order is not promised, so only the sorted list is asserted.
        assertEquals(SQUARES, gated.results().stream().sorted().toList());

        var timed = ApplyVsMap.run(Style.APPLY_ASYNC, INPUTS, 2, UNIT);
        assertTrue(timed.elapsed().compareTo(UNIT.multipliedBy(5)) >= 0, "took " + timed.elapsed().toMillis() + " ms");
        assertTrue(timed.elapsed().compareTo(UNIT.multipliedBy(5).plusSeconds(5)) < 0, "took " + timed.elapsed().toMillis() + " ms");
    }

    @Test
    @DisplayName("POOL-06: map returns the results in input order, running exactly 2 at a time on 2 workers")
    void mapIsOrdered() throws InterruptedException, ExecutionException {
        var run = runTwoAtATime(Style.MAP);

        assertEquals(SQUARES, run.results());
        assertEquals(0, run.callbackCalls());
    }

    @Test
    @DisplayName("POOL-06: map_async calls its callback exactly once, with the whole list in input order, running exactly 2 at a time")
    void mapAsyncCallsBackOnceWithOrderedList() throws InterruptedException, ExecutionException {
        var run = runTwoAtATime(Style.MAP_ASYNC);

        assertEquals(1, run.callbackCalls());
        assertEquals(SQUARES, run.results());
    }
}
