package cookbook.async;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingTasksOnVirtualThreadsTest {
    private static final Duration D = Duration.ofMillis(50);

    @Test
    @DisplayName("ASYNC-08: 10,000 blocking tasks on virtual threads are all blocked at once, on a handful of carrier threads")
    void tenThousandOnAFewCarriers() throws InterruptedException {
        var outcome = BlockingTasksOnVirtualThreads.run(10_000, D);

        // Each task waited until all had checked in, so all 10,000 were alive together.
        assertEquals(10_000, outcome.peakAtOnce());
        // The scheduler keeps one carrier per core. It may briefly add a few more to make up
        // for carriers pinned elsewhere in this JVM (blocking file IO in another test), so the
        // bound leaves room for those; what matters is a handful, not thousands.
        int parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        assertTrue(outcome.carriers().size() <= parallelism + 16, outcome.carriers()::toString);
        assertTrue(outcome.carriers().stream().allMatch(c -> c.startsWith("ForkJoinPool")), outcome.carriers()::toString);
        // The JVM counted a few dozen platform threads at most, not 10,000.
        assertTrue(outcome.platformThreadsMeanwhile() < 500, "platform threads " + outcome.platformThreadsMeanwhile());
    }

    @Test
    @DisplayName("ASYNC-08: 10,000 sleeps of d take about d in all, not 10,000 d")
    void sleepsOverlap() throws InterruptedException {
        var outcome = BlockingTasksOnVirtualThreads.run(10_000, D);

        assertTrue(outcome.elapsed().compareTo(D) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(D.plusSeconds(15)) < 0, "elapsed " + outcome.elapsed());
    }
}
