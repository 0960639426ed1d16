package cookbook.pools;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.pools.CrawlerBenchmark.Run;
import cookbook.pools.CrawlerBenchmark.Strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerBenchmarkTest {
    private static final int PAGES = 12;
    private static final int POOL = 3;
    private static final Duration LATENCY = Duration.ofMillis(50);

    @Test
    @DisplayName("POOL-09: every strategy fetches every page exactly once and returns the bodies in URL order")
    void everyStrategyFetchesEveryPageOnce() throws IOException, InterruptedException {
        List<Run> runs = CrawlerBenchmark.benchmark(PAGES, POOL, LATENCY);

        var expectedBodies = IntStream.range(0, PAGES).mapToObj(i -> "page " + i).toList();
        var expectedHits = new TreeMap<String, Integer>();
        IntStream.range(0, PAGES).forEach(i -> expectedHits.put("/page/" + i, 1));
        assertEquals(List.of(Strategy.values()), runs.stream().map(Run::strategy).toList());
        for (Run run : runs) {
            assertEquals(expectedBodies, run.pages(), run.strategy() + " bodies");
            assertEquals(Map.copyOf(expectedHits), Map.copyOf(run.hitsPerPath()), run.strategy() + " hits");
        }
    }

    @Test
    @DisplayName("POOL-09: a pool of 3 never has more than 3 requests in flight, so 12 pages take at least 4 latencies")
    void poolCapsRequestsInFlight() throws IOException, InterruptedException {
        List<Run> runs = CrawlerBenchmark.benchmark(PAGES, POOL, LATENCY);

        for (Run run : runs) {
            if (run.strategy() == Strategy.POOL_MAP || run.strategy() == Strategy.POOL_ASYNC) {
                assertTrue(run.peakInFlight() >= 1 && run.peakInFlight() <= POOL, run.strategy() + " peak " + run.peakInFlight());
                assertTrue(run.elapsed().compareTo(LATENCY.multipliedBy(PAGES / POOL)) >= 0, run.strategy() + " took " + run.elapsed());
            }
        }
    }
}
