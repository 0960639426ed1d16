package cookbook.locks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.google.common.base.Suppliers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-07. Python original: a {@code Singleton} whose {@code __new__} checks, sleeps, then
 * creates, so ten threads get different objects until a class-level lock with a second check
 * fixes it; a dict keyed by thread id gives one instance per thread.
 *
 * <p>Broken: {@link RacyLazyInit}, check-then-create with a gap. Fixed: {@link DoubleCheckedInit}
 * (a lock plus a second check, and the field must be {@code volatile}), the holder idiom
 * ({@link HolderSingleton}), the {@code enum} ({@link EnumSingleton}) and Guava's
 * {@code Suppliers.memoize}. One per thread: {@link #PER_THREAD}, a {@link ThreadLocal}.
 *
 * <p>The first two are instances (a lazily built value) rather than static fields, so each
 * run starts from nothing; the code inside is exactly what a static accessor would do.
 */
public final class Singletons {
    private static final Logger log = LoggerFactory.getLogger(Singletons.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** Broken: two threads can both see null, and both create. {@code window} is the seed's sleep. */
    public static final class RacyLazyInit<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private T instance;

        public RacyLazyInit(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            return get(NO_WINDOW);
        }

        public T get(Runnable window) {
            if (instance == null) {
                window.run();
                instance = factory.get();
            }
            return instance;
        }
    }

    // tag::idiom[]
    /**
     * Fixed: check, lock, check again. Without {@code volatile} a thread that skips the lock
     * could see the reference before the object's fields are written (the Java memory model
     * allows it; Python's GIL hides it), so the field is volatile. No unit test can show that
     * failure: it needs a stress harness (jcstress), not a forced interleaving.
     */
    public static final class DoubleCheckedInit<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T instance;

        public DoubleCheckedInit(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            return get(NO_WINDOW);
        }

        /** The same get, with a test seam between the second check and the creation. */
        public T get(Runnable window) {
            T result = instance;
            if (result == null) {
                synchronized (this) {
                    result = instance;
                    if (result == null) {
                        window.run();
                        instance = result = factory.get();
                    }
                }
            }
            return result;
        }
    }
    // end::idiom[]

    /** Fixed by the JVM: a nested class is initialised once, on first use, under the class-init lock. */
    public static final class HolderSingleton {
        private static final AtomicInteger CONSTRUCTIONS = new AtomicInteger();

        private HolderSingleton() {
            CONSTRUCTIONS.incrementAndGet();
        }

        private static final class Holder {
            static final HolderSingleton INSTANCE = new HolderSingleton();
        }

        public static HolderSingleton getInstance() {
            return Holder.INSTANCE;
        }

        public static int constructions() {
            return CONSTRUCTIONS.get();
        }
    }

    /** Fixed by the language: an enum constant exists exactly once per class loader. */
    public enum EnumSingleton {
        INSTANCE;

        EnumSingleton() {
            Counter.BUILT.incrementAndGet();
        }

        public static int constructions() {
            return Counter.BUILT.get();
        }

        // An enum constructor may not touch the enum's own static fields (they are not set
        // yet), so the count lives in a separate class.
        private static final class Counter {
            static final AtomicInteger BUILT = new AtomicInteger();
        }
    }

    /** Fixed by Guava: the supplier computes once, then returns the same value to everyone. */
    public static <T> Supplier<T> memoized(Supplier<T> factory) {
        return Suppliers.memoize(factory::get);
    }

    /** One instance per thread: Python's dict keyed by thread id, without the dict. */
    public static final ThreadLocal<Object> PER_THREAD = ThreadLocal.withInitial(Object::new);

    private Singletons() {
    }

    /** Calls {@code accessor} from {@code threads} threads at once; the distinct objects they got. */
    public static Set<Object> distinctInstances(int threads, Supplier<?> accessor) throws InterruptedException {
        Set<Object> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        var started = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform().name("caller-", i).start(() -> seen.add(accessor.get())));
        }
        for (Thread t : started) {
            t.join();
        }
        return Set.copyOf(seen);
    }

    public static void main(String[] args) throws InterruptedException {
        // The seed's sleep between the check and the creation, as a real pause.
        Runnable seedSleep = () -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        var racy = new RacyLazyInit<>(Object::new);
        log.info("racy lazy init, 10 threads: {} different instances",
                distinctInstances(10, () -> racy.get(seedSleep)).size());
        var dcl = new DoubleCheckedInit<>(Object::new);
        log.info("double-checked locking: {}", distinctInstances(10, () -> dcl.get(seedSleep)).size());
        log.info("holder idiom: {}", distinctInstances(10, HolderSingleton::getInstance).size());
        log.info("enum: {}", distinctInstances(10, () -> EnumSingleton.INSTANCE).size());
        log.info("Suppliers.memoize: {}", distinctInstances(10, memoized(Object::new)).size());
        log.info("ThreadLocal, 10 threads: {} instances, one each", distinctInstances(10, PER_THREAD::get).size());
        List<Object> mine = List.of(PER_THREAD.get(), PER_THREAD.get());
        log.info("ThreadLocal, twice on {}: same object: {}", Thread.currentThread().getName(),
                mine.get(0) == mine.get(1));
    }
}
