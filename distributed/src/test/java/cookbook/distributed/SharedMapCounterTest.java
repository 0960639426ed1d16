package cookbook.distributed;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.distributed.SharedMapCounter.Adder;
import cookbook.distributed.SharedMapCounter.Cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedMapCounterTest {
    private Cluster cluster;
    private final ClusterRaceWindow window = new ClusterRaceWindow();

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(2, UnaryOperator.identity());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** Member 1 adds 1, member 2 adds 10, once each, through the window; returns the counter. */
    private int race(Adder adder) throws InterruptedException {
        window.runAll("party-", SharedMapCounter.tasks(cluster.members(), adder, 1, window));
        return cluster.member(1).<String, Integer>getMap(SharedMapCounter.MAP).get(SharedMapCounter.KEY);
    }

    @Test
    @DisplayName("DIST-02: get-then-put from two members that both read before either writes loses an update: 1 + 10 ends at 1 or 10")
    void getThenPutLosesAnUpdate() throws Exception {
        int total = race(new SharedMapCounter.UnsafeGetThenPut());

        assertTrue(List.of(1, 10).contains(total), "one party's write overwrote the other's: " + total);
        assertEquals(2, window.totalPasses());
    }

    @Test
    @DisplayName("DIST-02: IMap.lock/unlock in try/finally, through the same window, keeps both updates: 11")
    void mapLockKeepsBoth() throws Exception {
        var map = cluster.member(0).<String, Integer>getMap(SharedMapCounter.MAP);

        assertEquals(11, race(new SharedMapCounter.MapLockCounter()));
        assertFalse(map.isLocked(SharedMapCounter.KEY), "unlocked in finally");
    }

    @Test
    @DisplayName("DIST-02: an entry processor keeps both updates even when both parties read the same value first: 11")
    void entryProcessorKeepsBoth() throws Exception {
        assertEquals(11, race(new SharedMapCounter.EntryProcessorCounter()));
        assertEquals(2, window.totalPasses(), "both parties read before either wrote");
    }

    @Test
    @DisplayName("DIST-02: merge keeps both updates: the party whose compare-and-replace lost computes again (3 passes): 11")
    void mergeRetriesAndKeepsBoth() throws Exception {
        assertEquals(11, race(new SharedMapCounter.MergeCounter()));
        assertEquals(3, window.totalPasses(), "both computed from 0; the loser computed once more");
    }
}
