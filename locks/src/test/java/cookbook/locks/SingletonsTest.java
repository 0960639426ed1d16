package cookbook.locks;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.Singletons.DoubleCheckedInit;
import cookbook.locks.Singletons.EnumSingleton;
import cookbook.locks.Singletons.HolderSingleton;
import cookbook.locks.Singletons.RacyLazyInit;
import cookbook.testsupport.StartGate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingletonsTest {

    /** A factory that counts what it built and keeps the first, so a test can say "that one". */
    private static final class Factory implements Supplier<Object> {
        final List<Object> built = new CopyOnWriteArrayList<>();

        @Override
        public Object get() {
            var made = new Object();
            built.add(made);
            return made;
        }
    }

    /** {@code threads} threads released together by a start gate; the distinct objects they got. */
    private static Set<Object> gatedInstances(int threads, Supplier<?> accessor) {
        Set<Object> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        var gate = new StartGate(threads);
        List<Runnable> calls = IntStream.range(0, threads).<Runnable>mapToObj(i -> () -> seen.add(accessor.get())).toList();
        var started = gate.startPlatformThreads("caller-", calls);
        gate.open();
        StartGate.joinAll(started, Duration.ofSeconds(20));
        return Set.copyOf(seen);
    }

    @RepeatedTest(3)
    @DisplayName("LCK-07: racy lazy init builds two instances when both threads pass the null check first")
    void racyLazyInitBuildsTwo() {
        var factory = new Factory();
        var racy = new RacyLazyInit<>(factory);
        var window = new CountingWindow();
        var got = new CopyOnWriteArrayList<Object>();
        window.runAll("caller-", List.of(() -> got.add(racy.get(window)), () -> got.add(racy.get(window))));

        assertEquals(2, factory.built.size());
        assertEquals(2, window.passes());
        assertNotSame(got.get(0), got.get(1));
        Object kept = racy.get();
        assertTrue(factory.built.contains(kept), "the last write wins and stays: " + kept);
        assertSame(kept, racy.get());
    }

    @RepeatedTest(3)
    @DisplayName("LCK-07: double-checked locking with volatile builds exactly one under the same forcing")
    void doubleCheckedBuildsOne() {
        var factory = new Factory();
        var dcl = new DoubleCheckedInit<>(factory);
        var window = new CountingWindow();
        var got = new CopyOnWriteArrayList<Object>();
        // The first caller waits at the window, inside the lock, until the second has passed the
        // first null check and is blocked on the lock: the second check is what stops it.
        window.runAll("caller-", List.of(() -> got.add(dcl.get(window)), () -> got.add(dcl.get(window))));

        assertEquals(1, factory.built.size());
        assertEquals(1, window.passes(), "only the first caller reached the creation");
        assertSame(factory.built.getFirst(), got.get(0));
        assertSame(factory.built.getFirst(), got.get(1));
        assertSame(factory.built.getFirst(), dcl.get(), "later calls skip the lock and return the same object");
    }

    @RepeatedTest(3)
    @DisplayName("LCK-07: Suppliers.memoize builds one under the same forcing: the second caller waits for the first")
    void memoizeBuildsOneUnderForcing() {
        var factory = new Factory();
        var window = new CountingWindow();
        Supplier<Object> memo = Singletons.memoized(() -> {
            window.run();
            return factory.get();
        });
        var got = new CopyOnWriteArrayList<Object>();
        window.runAll("caller-", List.of(() -> got.add(memo.get()), () -> got.add(memo.get())));

        assertEquals(1, factory.built.size());
        assertEquals(1, window.passes());
        assertEquals(List.of(factory.built.getFirst(), factory.built.getFirst()), got);
    }

    @Test
    @DisplayName("LCK-07: the holder idiom, the enum and Suppliers.memoize give ten threads released together one instance")
    void holderEnumAndMemoizeBuildOne() {
        Set<Object> holders = gatedInstances(10, HolderSingleton::getInstance);
        assertEquals(Set.of(HolderSingleton.getInstance()), holders);
        assertEquals(1, HolderSingleton.constructions());
        assertEquals(Set.of(EnumSingleton.INSTANCE), gatedInstances(10, () -> EnumSingleton.INSTANCE));
        assertEquals(1, EnumSingleton.constructions());
        var factory = new Factory();
        Set<Object> memoized = gatedInstances(10, Singletons.memoized(factory));
        assertEquals(1, factory.built.size());
        assertEquals(Set.of(factory.built.getFirst()), memoized);
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
        assertNotNull(other[0]);
        assertSame(other[0], other[1]);
        assertNotSame(Singletons.PER_THREAD.get(), other[0]);
    }
}
