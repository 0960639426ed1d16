package cookbook.locks;

import java.util.ArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-12. Python original: the notes advise a class-level lock for class-level data, such as
 * a count of a class's instances, and an instance lock for each object's own data.
 *
 * <p>A lock protects data only if everyone who touches that data takes the same lock.
 * {@link WrongLockWidget} counts its instances in a static field under {@code synchronized
 * (this)}: each new object locks itself, so two constructors never exclude each other and
 * updates are lost. {@link ClassLockWidget} counts under the class's monitor
 * ({@code static synchronized}), one lock for one static field. Each widget's own
 * {@code uses} counter is instance data, and its instance lock is the right one.
 */
public final class ClassVsInstanceLock {
    private static final Logger log = LoggerFactory.getLogger(ClassVsInstanceLock.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** Broken: static data guarded by a per-object lock. */
    public static final class WrongLockWidget {
        private static long created;

        public WrongLockWidget() {
            this(NO_WINDOW);
        }

        /** The same constructor, with a test seam between reading the count and writing it. */
        public WrongLockWidget(Runnable window) {
            synchronized (this) {
                long read = created;
                window.run();
                created = read + 1;
            }
        }

        public static synchronized long created() {
            return created;
        }
    }

    // tag::idiom[]
    /** Fixed: static data under the class lock; instance data under the instance lock. */
    public static final class ClassLockWidget {
        private static long created;
        private long uses;

        public ClassLockWidget() {
            this(NO_WINDOW);
        }

        /** The same constructor, with a test seam between reading the count and writing it. */
        public ClassLockWidget(Runnable window) {
            countInstance(window);
        }

        private static synchronized void countInstance(Runnable window) {
            long read = created;
            window.run();
            created = read + 1;
        }

        public static synchronized long created() {
            return created;
        }

        public void use() {
            use(NO_WINDOW);
        }

        public synchronized void use(Runnable window) {
            long read = uses;
            window.run();
            uses = read + 1;
        }
        // end::idiom[]

        public synchronized long uses() {
            return uses;
        }
    }

    private ClassVsInstanceLock() {
    }

    /** {@code threads} threads each run {@code each} times; returns when all are joined. */
    public static void onThreads(int threads, int each, Consumer<Integer> work) throws InterruptedException {
        var started = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().name("builder-", t).start(() -> {
                for (int i = 0; i < each; i++) {
                    work.accept(i);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // Yielding between the read and the write widens the gap, as the seeds' sleeps do,
        // so the wrong lock's losses show on most runs instead of some.
        Runnable widen = Thread::yield;
        long wrongBefore = WrongLockWidget.created();
        onThreads(4, 10_000, i -> new WrongLockWidget(widen));
        log.info("instance lock on a static counter: {} of 40000 counted", WrongLockWidget.created() - wrongBefore);

        long rightBefore = ClassLockWidget.created();
        var shared = new ClassLockWidget();
        onThreads(4, 10_000, i -> {
            new ClassLockWidget(widen);
            shared.use(widen);
        });
        log.info("class lock on the static counter: {} of 40000 counted (+1 shared widget)",
                ClassLockWidget.created() - rightBefore);
        log.info("instance lock on one widget's own counter: {} of 40000", shared.uses());
    }
}
