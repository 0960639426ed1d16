package cookbook.pools;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import cookbook.pools.CrawlerBenchmark.Run;
import cookbook.pools.CrawlerBenchmark.SlowServer;
import cookbook.pools.CrawlerBenchmark.Strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerBenchmarkTest {
    private static final int PAGES = 12;
    private static final int POOL = 3;
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final List<String> BODIES = IntStream.range(0, PAGES).mapToObj(i -> "page " + i).toList();

    /**
     * Loading java.net.http and setting up its TLS defaults takes seconds once per JVM, and
     * more than the default 30 s limit on a 2-core machine shared with many builds. Pay for it
     * here, under a limit of its own, so each test's limit measures a crawl, not the JVM
     * warming up. Still bounded: a stuck warm-up fails.
     */
    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void loadTheHttpStackOnce() throws IOException, InterruptedException {
        try (var server = SlowServer.start(Duration.ZERO);
             var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals("page 0", CrawlerBenchmark.fetch(client, server.page(0)));
        }
    }

    @Test
    @DisplayName("POOL-09: every strategy fetches every page exactly once and returns the bodies in URL order")
    void everyStrategyFetchesEveryPageOnce() throws IOException, InterruptedException {
        List<Run> runs = CrawlerBenchmark.benchmark(PAGES, POOL, LATENCY);

        var expectedHits = new TreeMap<String, Integer>();
        IntStream.range(0, PAGES).forEach(i -> expectedHits.put("/page/" + i, 1));
        assertEquals(List.of(Strategy.values()), runs.stream().map(Run::strategy).toList());
        for (Run run : runs) {
            assertEquals(BODIES, run.pages(), run.strategy() + " bodies");
            assertEquals(Map.copyOf(expectedHits), Map.copyOf(run.hitsPerPath()), run.strategy() + " hits");
        }
    }

    @Test
    @DisplayName("POOL-09: a pool of 3 has exactly 3 requests in flight at once, fetched by the same 3 client threads, for map and for a submit loop")
    void poolOfThreeHasExactlyThreeInFlight() throws IOException, InterruptedException {
        for (Strategy s : List.of(Strategy.POOL_MAP, Strategy.POOL_ASYNC)) {
            // The server holds the first requests until 3 are in flight together.
            assertInFlight(s, POOL);
        }
    }

    @Test
    @DisplayName("POOL-09: a thread per URL and a virtual thread per URL have all 12 requests in flight at once")
    void threadPerUrlHasNoCap() throws IOException, InterruptedException {
        for (Strategy s : List.of(Strategy.THREAD_PER_URL, Strategy.VIRTUAL_THREADS)) {
            assertInFlight(s, PAGES);
        }
    }

    /** Crawls with a server that waits for {@code expected} requests at once, then checks who fetched. */
    private static void assertInFlight(Strategy strategy, int expected) throws IOException, InterruptedException {
        var atServer = Rendezvous.of(expected);
        Set<Thread> clientThreads = ConcurrentHashMap.newKeySet();
        try (var server = SlowServer.start(atServer);
             var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<Callable<String>> fetches = IntStream.range(0, PAGES).<Callable<String>>mapToObj(i -> () -> {
                clientThreads.add(Thread.currentThread());
                return CrawlerBenchmark.fetch(client, server.page(i));
            }).toList();

            var bodies = CrawlerBenchmark.crawl(strategy, fetches, POOL);

            assertEquals(BODIES, bodies, strategy + " bodies");
            assertEquals(PAGES, atServer.passed(), strategy + " requests answered");
            assertEquals(expected, server.takePeak(), strategy + " most requests in flight");
            assertEquals(expected, clientThreads.size(), strategy + " client threads");
        }
    }

    @Test
    @DisplayName("POOL-09: 12 pages on a pool of 3 take at least ceil(12/3) = 4 latencies, and not far more")
    void poolTakesCeilKOverWLatencies() throws IOException, InterruptedException {
        // Long enough that 4 latencies dwarf what 12 local requests cost on a crowded machine.
        var latency = Duration.ofMillis(200);

        List<Run> runs = CrawlerBenchmark.benchmark(PAGES, POOL, latency);

        for (Run run : runs) {
            if (run.strategy() == Strategy.POOL_MAP || run.strategy() == Strategy.POOL_ASYNC) {
                String took = run.strategy() + " took " + run.elapsed().toMillis() + " ms";
                assertTrue(run.peakInFlight() <= POOL, run.strategy() + " peak " + run.peakInFlight());
                assertTrue(run.elapsed().compareTo(latency.multipliedBy(PAGES / POOL)) >= 0, took);
                assertTrue(run.elapsed().compareTo(latency.multipliedBy(PAGES / POOL).plusSeconds(5)) < 0, took);
            }
        }
    }
}
