package cookbook.locks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.Singletons.DoubleCheckedInit;
import cookbook.locks.Singletons.EnumSingleton;
import cookbook.locks.Singletons.HolderSingleton;
import cookbook.locks.Singletons.RacyLazyInit;
import cookbook.testsupport.RaceWindow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class SingletonsTest {

    @RepeatedTest(3)
    @DisplayName("LCK-07: racy lazy init builds two instances when both threads pass the null check first")
    void racyLazyInitBuildsTwo() {
        var built = new AtomicInteger();
        var racy = new RacyLazyInit<>(() -> new Object[] {built.incrementAndGet()});
        var window = new RaceWindow();
        var got = new CopyOnWriteArrayList<Object>();
        window.runAll("caller-", List.of(() -> got.add(racy.get(window)), () -> got.add(racy.get(window))));

        assertEquals(2, built.get());
        assertNotSame(got.get(0), got.get(1));
    }

    @RepeatedTest(3)
    @DisplayName("LCK-07: double-checked locking with volatile builds exactly one under the same forcing")
    void doubleCheckedBuildsOne() {
        var built = new AtomicInteger();
        var dcl = new DoubleCheckedInit<>(() -> new Object[] {built.incrementAndGet()});
        var window = new RaceWindow();
        var got = new CopyOnWriteArrayList<Object>();
        window.runAll("caller-", List.of(() -> got.add(dcl.get(window)), () -> got.add(dcl.get(window))));

        assertEquals(1, built.get());
        assertSame(got.get(0), got.get(1));
    }

    @Test
    @DisplayName("LCK-07: the holder idiom, the enum and Suppliers.memoize give ten threads one instance")
    void holderEnumAndMemoizeBuildOne() throws InterruptedException {
        assertEquals(1, Singletons.distinctInstances(10, HolderSingleton::getInstance).size());
        assertEquals(1, HolderSingleton.constructions());
        assertEquals(1, Singletons.distinctInstances(10, () -> EnumSingleton.INSTANCE).size());
        assertEquals(1, EnumSingleton.constructions());
        var built = new AtomicInteger();
        var memo = Singletons.memoized(built::incrementAndGet);
        assertEquals(Set.of(1), Set.copyOf(Singletons.distinctInstances(10, memo)));
        assertEquals(1, built.get());
    }

    @Test
    @DisplayName("LCK-07: a per-thread singleton is the same object within a thread and different across threads")
    void perThreadSingleton() throws InterruptedException {
        assertEquals(10, Singletons.distinctInstances(10, Singletons.PER_THREAD::get).size());
        assertSame(Singletons.PER_THREAD.get(), Singletons.PER_THREAD.get());
        Object[] other = new Object[2];
        Thread t = Thread.ofPlatform().name("other").start(() -> {
            other[0] = Singletons.PER_THREAD.get();
            other[1] = Singletons.PER_THREAD.get();
        });
        t.join();
        assertSame(other[0], other[1]);
        assertNotSame(Singletons.PER_THREAD.get(), other[0]);
    }
}
