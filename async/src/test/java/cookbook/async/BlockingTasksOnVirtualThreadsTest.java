package cookbook.async;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.BlockingTasksOnVirtualThreads.Outcome;
import cookbook.async.BlockingTasksOnVirtualThreads.SlowServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingTasksOnVirtualThreadsTest {
    private static final Duration D = Duration.ofMillis(50);
    private static final int REQUESTS = 100;
    private static final Duration LATENCY = Duration.ofMillis(800);

    /**
     * The JDK's HTTP client and server are slow to load the first time (TLS set-up, class
     * loading: many seconds on a loaded machine). One GET before the tests pays for that, so
     * the timed run measures the hundred GETs, not the JVM warming up.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        BlockingTasksOnVirtualThreads.getAll(1, Duration.ZERO);
    }

    /**
     * A handful of carriers: one per core by default. The scheduler may briefly add a few more to
     * make up for carriers pinned elsewhere in this JVM (blocking file IO in another test), so the
     * bound leaves room for those; what matters is a handful, not one per task.
     */
    private static void assertFewCarriers(Outcome outcome) {
        // Counted while every task was alive: at least this test's thread and one carrier.
        assertTrue(outcome.platformThreadsMeanwhile() >= 2, "platform threads " + outcome.platformThreadsMeanwhile());
        int parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        assertTrue(outcome.carriers().size() <= parallelism + 16, outcome.carriers()::toString);
        assertTrue(outcome.carriers().stream().allMatch(c -> c.startsWith("ForkJoinPool")), outcome.carriers()::toString);
    }

    @Test
    @DisplayName("ASYNC-08: 100 blocking HttpClient.send calls, each held d by the server, take at least d and far less than 100 d")
    void blockingGetsOverlap() throws Exception {
        var outcome = BlockingTasksOnVirtualThreads.getAll(REQUESTS, LATENCY);

        // Structure first: every GET got its own page back, reported in request order, and all
        // hundred callers were alive at once, on a handful of carriers, with fewer platform
        // threads in the whole JVM than there were requests.
        assertEquals(REQUESTS, outcome.results().size());
        for (int n = 0; n < REQUESTS; n++) {
            String pattern = SlowServer.pageOf(n).length + " bytes received from http://127\\.0\\.0\\.1:\\d+/page/" + n + "\\.";
            assertTrue(outcome.results().get(n).matches(pattern), outcome.results().get(n));
        }
        assertEquals(REQUESTS, outcome.peakAtOnce());
        assertFewCarriers(outcome);
        assertTrue(outcome.platformThreadsMeanwhile() < REQUESTS, "platform threads " + outcome.platformThreadsMeanwhile());
        // Then the clock. Each GET really blocked for the server's d, so the whole run took at
        // least d. A client with at most 4 requests in flight would need at least 100 d / 4 = 25 d.
        assertTrue(outcome.shortestCall().compareTo(LATENCY) >= 0, "shortest GET " + outcome.shortestCall());
        // A call ran inside the run, so it cannot have lasted longer than the whole run.
        assertTrue(outcome.shortestCall().compareTo(outcome.elapsed()) <= 0,
                "shortest GET " + outcome.shortestCall() + ", elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(LATENCY) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(LATENCY.multipliedBy(REQUESTS / 4)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("ASYNC-08: 10,000 blocking tasks on virtual threads are all alive at once, on a handful of carrier threads")
    void tenThousandOnAFewCarriers() throws InterruptedException {
        var outcome = BlockingTasksOnVirtualThreads.sleepAll(10_000, D);

        // Each task waited until all had checked in, so all 10,000 were alive together.
        assertEquals(10_000, outcome.peakAtOnce());
        assertEquals(10_000, outcome.results().stream().filter("slept"::equals).count());
        assertFewCarriers(outcome);
        // The JVM counted a few dozen platform threads at most, not 10,000.
        assertTrue(outcome.platformThreadsMeanwhile() < 500, "platform threads " + outcome.platformThreadsMeanwhile());
        // Every sleep lasted d; the 10,000 together took at least d, and nothing like 10,000 d.
        assertTrue(outcome.shortestCall().compareTo(D) >= 0, "shortest sleep " + outcome.shortestCall());
        assertTrue(outcome.shortestCall().compareTo(outcome.elapsed()) <= 0,
                "shortest sleep " + outcome.shortestCall() + ", elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.plusSeconds(15)) < 0, "elapsed " + outcome.elapsed());
    }
}
