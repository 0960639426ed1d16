package cookbook.locks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.SharedCollections.UnsafeAppendList;
import cookbook.testsupport.RaceWindow;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedCollectionsTest {

    @RepeatedTest(3)
    @DisplayName("LCK-08: ArrayList-style append loses an element when both threads read size before either stores")
    void unsafeAppendLosesAnElement() {
        var list = new UnsafeAppendList();
        var window = new RaceWindow();
        window.runAll("appender-", List.of(() -> list.add("a", window), () -> list.add("b", window)));
        assertEquals(1, list.snapshot().size(), "two appends, one element: " + list.snapshot());
    }

    @Test
    @DisplayName("LCK-08: a real ArrayList throws ConcurrentModificationException when another thread adds mid-iteration")
    void realArrayListFailsWhenAddedToMidIteration() throws InterruptedException {
        assertEquals("ConcurrentModificationException", SharedCollections.iterateWhileAnotherThreadAdds());
    }

    @Test
    @DisplayName("LCK-08: synchronizedList and CopyOnWriteArrayList keep all 2 x 20,000 appends")
    void safeListsKeepEveryElement() throws InterruptedException {
        var synced = SharedCollections.appendConcurrently(Collections.synchronizedList(new ArrayList<>()), 20_000);
        assertEquals(new SharedCollections.Appended(40_000, List.of()), synced);
        var cow = SharedCollections.appendConcurrently(new CopyOnWriteArrayList<>(), 5_000);
        assertEquals(new SharedCollections.Appended(10_000, List.of()), cow);
    }

    @RepeatedTest(3)
    @DisplayName("LCK-08: get-then-put loses an increment even on ConcurrentHashMap; merge loses none under the same forcing")
    void getThenPutLosesMergeDoesNot() {
        var counts = new ConcurrentHashMap<String, Integer>();
        // Present from the start, so merge runs its function under the key's lock.
        counts.put("k", 0);
        var window = new RaceWindow();
        window.runAll("counter-", List.of(() -> SharedCollections.getThenPut(counts, "k", window),
                () -> SharedCollections.getThenPut(counts, "k", window)));
        assertEquals(1, counts.get("k"), "check-then-act: one increment lost");

        counts.put("k", 0);
        var sameForcing = new RaceWindow();
        sameForcing.runAll("counter-", List.of(() -> SharedCollections.merge(counts, "k", sameForcing),
                () -> SharedCollections.merge(counts, "k", sameForcing)));
        assertEquals(2, counts.get("k"));
    }
}
