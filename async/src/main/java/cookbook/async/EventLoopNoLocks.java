package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-12. Python original: the notes say coroutines need no locks because they all run on
 * one thread, so shared globals can be updated freely.
 *
 * <p>True, with one condition the notes leave out. On a single-threaded loop, code between two
 * awaits runs to the end before anything else runs, so {@code counter++} with no lock is exact.
 * But a read, an await, then a write is not one step: other tasks run during the await, and
 * they read the same old value. {@link #brokenReadAwaitWrite} loses updates that way on every
 * run; {@link #updateAfterAwait} does the whole read-modify-write after the await and loses none.
 */
public final class EventLoopNoLocks {
    private static final Logger log = LoggerFactory.getLogger(EventLoopNoLocks.class);

    /** The final count against the updates attempted, and the id of every thread that ran a loop task. */
    public record Outcome(int counter, int updates, Set<Long> loopThreadIds) {
        public int lost() {
            return updates - counter;
        }
    }

    private EventLoopNoLocks() {
    }

    /** A one-thread event loop with a sleep that does not block it. */
    static final class EventLoop implements Executor, AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("event-loop").factory());
        // Which threads ran the loop's tasks. Concurrent only so that a broken loop of several
        // threads is reported, not corrupted: a correct loop has exactly one.
        private final Set<Long> ranOn = ConcurrentHashMap.newKeySet();

        @Override
        public void execute(Runnable task) {
            thread.execute(() -> {
                ranOn.add(Thread.currentThread().threadId());
                task.run();
            });
        }

        /** {@code asyncio.sleep(d)}: a timer queues the rest of the coroutine on the loop later. */
        CompletableFuture<Void> sleep(Duration d) {
            var later = CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, this);
            return CompletableFuture.runAsync(() -> { }, later);
        }

        Set<Long> ranOn() {
            return Set.copyOf(ranOn);
        }

        @Override
        public void close() {
            thread.close();
        }
    }

    /** Shared state with no lock and no volatile: only the loop thread touches it. */
    private static final class Counter {
        int value;
    }

    // tag::idiom[]
    /** {@code updates} tasks, each doing {@code counter += 1} with no await inside: exact. */
    public static Outcome incrementsBetweenAwaits(int updates) {
        var counter = new Counter();
        var loop = new EventLoop();
        try (loop) {
            for (int i = 0; i < updates; i++) {
                loop.execute(() -> counter.value++);
            }
        }
        // close() waited for the loop thread, so its last write is visible here.
        return new Outcome(counter.value, updates, loop.ranOn());
    }

    /**
     * BROKEN: each of {@code tasks} coroutines reads the counter, awaits a sleep of {@code d},
     * then writes what it read plus one. All of them are started in one turn of the loop, as
     * {@code asyncio.gather} does, so every read happens before the first write: the count ends at 1.
     */
    public static Outcome brokenReadAwaitWrite(int tasks, Duration d) {
        return gather(tasks, (loop, counter) -> {
            int seen = counter.value;
            return loop.sleep(d).thenRun(() -> counter.value = seen + 1);
        });
    }

    /** FIXED: the same tasks and the same await, but the read and the write both come after it. */
    public static Outcome updateAfterAwait(int tasks, Duration d) {
        return gather(tasks, (loop, counter) -> loop.sleep(d).thenRun(() -> counter.value = counter.value + 1));
    }
    // end::idiom[]

    /** One coroutine of the gather: starts on the loop thread and returns when it is done. */
    private interface Coroutine {
        CompletableFuture<Void> start(EventLoop loop, Counter counter);
    }

    /** Starts {@code tasks} copies of {@code coroutine} in one turn of a fresh loop and waits for all. */
    private static Outcome gather(int tasks, Coroutine coroutine) {
        var counter = new Counter();
        var loop = new EventLoop();
        try (loop) {
            // One loop task starts them all, so none of them can run before the last has started.
            CompletableFuture.supplyAsync(() -> {
                var all = new ArrayList<CompletableFuture<Void>>();
                for (int i = 0; i < tasks; i++) {
                    all.add(coroutine.start(loop, counter));
                }
                return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            }, loop).thenCompose(all -> all).join();
        }
        return new Outcome(counter.value, tasks, loop.ranOn());
    }

    /**
     * For contrast in main only: four pool threads each run a quarter of the plain {@code ++}s.
     * Updates usually vanish, but nothing forces it here; LCK-01 forces and proves that race.
     */
    static Outcome unsafeOnFourThreads(int updates) {
        var counter = new Counter();
        Set<Long> ranOn = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("pool-", 1).factory())) {
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    ranOn.add(Thread.currentThread().threadId());
                    for (int i = 0; i < updates / 4; i++) {
                        counter.value++;
                    }
                });
            }
        }
        return new Outcome(counter.value, updates / 4 * 4, Set.copyOf(ranOn));
    }

    public static void main(String[] args) {
        log.info("100,000 increments on the loop thread, no lock: {}", incrementsBetweenAwaits(100_000));
        log.info("the same on 4 threads at once (a real race, see LCK-01): {}", unsafeOnFourThreads(1_000_000));
        log.info("10 read-await-write tasks on the loop: {}", brokenReadAwaitWrite(10, Duration.ofMillis(500)));
        log.info("10 tasks that read and write after the await: {}", updateAfterAwait(10, Duration.ofMillis(500)));
    }
}
