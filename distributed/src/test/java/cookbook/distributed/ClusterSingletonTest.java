package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.HazelcastInstance;

import cookbook.distributed.ClusterSingleton.Cluster;
import cookbook.distributed.ClusterSingleton.Job;
import cookbook.distributed.ClusterSingleton.Singleton;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSingletonTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private Cluster cluster;
    private final List<Singleton> singletons = new ArrayList<>();

    // The members share this JVM, so one counter in its memory sees every runner at the moment it
    // runs: the job counts itself in when it starts and out when it stops, and keeps the peak.
    private final AtomicInteger runningNow = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final Job witness = member -> {
        peak.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
        runs.add(member.getName());
        try {
            new CountDownLatch(1).await(); // runs until interrupted
        } finally {
            runningNow.decrementAndGet();
        }
    };

    @BeforeEach
    void startSingletons() {
        cluster = Cluster.start(3, UnaryOperator.identity());
        for (HazelcastInstance member : cluster.members()) {
            singletons.add(Singleton.start(member, witness));
        }
    }

    @AfterEach
    void stopCluster() {
        singletons.forEach(Singleton::close);
        cluster.close();
    }

    private String name(int member) {
        return cluster.member(member).getName();
    }

    @Test
    @DisplayName("DIST-05: of three members running the same code, only the oldest runs the job")
    void onlyTheOldestRuns() {
        await().atMost(TIMEOUT).until(() -> runs.contains(name(0)));

        assertEquals(List.of(name(0)), runs);
        assertTrue(singletons.get(0).running());
        assertFalse(singletons.get(1).running());
        assertFalse(singletons.get(2).running());
        assertEquals(1, peak.get());
    }

    @Test
    @DisplayName("DIST-05: when the runner leaves, the next oldest takes over, then the next; at no moment do two members run it")
    void nextOldestTakesOverOneAtATime() {
        await().atMost(TIMEOUT).until(() -> runs.contains(name(0)));
        String first = name(0);
        String second = name(1);

        singletons.get(0).leave();
        await().atMost(TIMEOUT).until(() -> runs.equals(List.of(first, second)));
        assertTrue(singletons.get(1).running());
        assertFalse(singletons.get(2).running());

        singletons.get(1).leave();
        await().atMost(TIMEOUT).until(() -> runs.equals(List.of(first, second, name(2))));
        assertEquals(1, runningNow.get());
        assertEquals(1, peak.get(), "never two runners at once");
    }
}
