package cookbook.locks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import com.google.common.util.concurrent.Uninterruptibles;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.SharedCollections.UnsafeAppendList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedCollectionsTest {

    @RepeatedTest(3)
    @DisplayName("LCK-08: ArrayList-style append loses an element when both threads read size before either stores")
    void unsafeAppendLosesAnElement() {
        var window = new CountingWindow();
        var list = new UnsafeAppendList(window);
        window.runAll("appender-", List.of(() -> list.add("a"), () -> list.add("b")));
        assertEquals(1, list.size(), "two appends, one element: " + list);
        assertTrue(List.of("a", "b").contains(list.get(0)), list.toString());
        assertEquals(2, window.passes());
    }

    @Test
    @DisplayName("LCK-08: alone, the ArrayList-style append is a list: it grows and keeps every element in order")
    void unsafeAppendWorksAlone() {
        var list = new UnsafeAppendList();
        for (int i = 0; i < 10; i++) {
            assertTrue(list.add(i), "add() reports a change, as Collection.add promises");
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), list);
    }

    @RepeatedTest(3)
    @DisplayName("LCK-08: synchronizedList around the same list, same forcing: the window is inside its lock, nothing is lost")
    void synchronizedListKeepsBothUnderForcing() {
        var window = new CountingWindow();
        List<Object> list = Collections.synchronizedList(new UnsafeAppendList(window));
        // The first append waits at the window inside the wrapper's lock until the second is
        // blocked on that lock; without the wrapper this is the test above, one element lost.
        window.runAll("appender-", List.of(() -> list.add("a"), () -> list.add("b")));
        assertEquals(2, list.size(), list.toString());
        assertEquals(2, window.passes());
    }

    @RepeatedTest(3)
    @DisplayName("LCK-08: CopyOnWriteArrayList.add waits for the list's lock: forced against a replaceAll holding it, nothing is lost")
    void copyOnWriteAddTakesTheListsLock() {
        // No window fits inside CopyOnWriteArrayList.add, but replaceAll runs its function under
        // the same lock, on a copy it writes back at the end. An add that did not wait for that
        // lock would land in the old array and be overwritten: one element instead of two.
        var list = new CopyOnWriteArrayList<>(List.of("a"));
        var window = new CountingWindow();
        var replacing = new CountDownLatch(1);
        window.runAll("writer-", List.of(() -> list.replaceAll(e -> {
            replacing.countDown();
            window.run();
            return e.toUpperCase();
        }), () -> {
            Uninterruptibles.awaitUninterruptibly(replacing);
            list.add("b");
        }));
        assertEquals(List.of("A", "b"), list, "the add waited for the replaceAll, then landed");
        assertEquals(1, window.passes());
    }

    @Test
    @DisplayName("LCK-08: a real ArrayList throws ConcurrentModificationException when another thread adds mid-iteration")
    void realArrayListFailsWhenAddedToMidIteration() throws InterruptedException {
        assertEquals("ConcurrentModificationException", SharedCollections.iterateWhileAnotherThreadAdds());
    }

    @Test
    @DisplayName("LCK-08: the seed's run: synchronizedList and CopyOnWriteArrayList keep all 2 x n appends")
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
        var window = new CountingWindow();
        window.runAll("counter-", List.of(() -> SharedCollections.unsafeGetThenPut(counts, "k", window),
                () -> SharedCollections.unsafeGetThenPut(counts, "k", window)));
        assertEquals(1, counts.get("k"), "check-then-act: one increment lost");
        assertEquals(2, window.passes());

        counts.put("k", 0);
        var sameForcing = new CountingWindow();
        sameForcing.runAll("counter-", List.of(() -> SharedCollections.merge(counts, "k", sameForcing),
                () -> SharedCollections.merge(counts, "k", sameForcing)));
        assertEquals(2, counts.get("k"));
        assertEquals(2, sameForcing.passes(), "both merges ran their function, one after the other");
    }

    @Test
    @DisplayName("LCK-08: the plain calls a reader copies: merge counts, get-then-put counts when alone")
    void plainCallsCount() {
        var counts = new ConcurrentHashMap<String, Integer>();
        SharedCollections.merge(counts, "m");
        SharedCollections.merge(counts, "m");
        SharedCollections.unsafeGetThenPut(counts, "g");
        SharedCollections.unsafeGetThenPut(counts, "g");
        assertEquals(2, counts.get("m"));
        assertEquals(2, counts.get("g"));
    }
}
