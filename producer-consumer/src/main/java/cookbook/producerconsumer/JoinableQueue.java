package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.google.common.collect.Iterables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-02. Python original: consumers call {@code task_done()} after each item of a
 * {@code JoinableQueue}, producers block in {@code join()} until all are done, and the
 * daemon consumers are simply abandoned in {@code get()}.
 *
 * <p>Java has no JoinableQueue, so this is one: a bounded {@link LinkedBlockingQueue} plus
 * an "unfinished tasks" count and an "all done" {@link Condition} under a {@link ReentrantLock},
 * the idea of CPython's {@code queue.Queue} ({@code unfinished_tasks}, {@code all_tasks_done}).
 * CPython guards items and count with one mutex, so its put counts up in the same step; here
 * the items have a lock of their own, so {@code put} counts up first. {@code taskDone} counts
 * down and wakes the joiners at zero, {@code join} waits for zero.
 *
 * <p>What to notice: {@code join} returns once the last item is <em>processed</em>, not
 * merely taken; the consumers are still alive afterwards, parked in {@code take()} (the
 * notes' own complaint), and must be interrupted; one forgotten {@code taskDone} and
 * {@code join} never returns, which {@link #join(Duration)} turns into {@code false}.
 */
public final class JoinableQueue<E> {
    private static final Logger log = LoggerFactory.getLogger(JoinableQueue.class);

    private final BlockingQueue<E> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allDone = lock.newCondition();
    private int unfinished;

    public JoinableQueue(int capacity) {
        this.items = new LinkedBlockingQueue<>(capacity);
    }

    public E take() throws InterruptedException {
        return items.take();
    }

    /** Python raises ValueError when called more often than items were put; Java, IllegalStateException. */
    public void taskDone() {
        changeUnfinished(-1);
    }

    // tag::idiom[]
    /** Counts the task before it is visible, so a fast consumer can never count it down first. */
    public void put(E item) throws InterruptedException {
        changeUnfinished(+1);
        try {
            items.put(item);
        } catch (InterruptedException e) {
            changeUnfinished(-1);
            throw e;
        }
    }

    private void changeUnfinished(int delta) {
        lock.lock();
        try {
            if (unfinished + delta < 0) {
                throw new IllegalStateException("taskDone() called more times than there were items");
            }
            unfinished += delta;
            if (unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until every item put so far has been marked done. */
    public void join() throws InterruptedException {
        lock.lock();
        try {
            while (unfinished > 0) {
                allDone.await();
            }
        } finally {
            lock.unlock();
        }
    }
    // end::idiom[]

    /** Like {@link #join()}, but gives up after {@code timeout}: false means tasks are still unfinished. */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            // awaitNanos answers the time left, zero or less once it is up.
            while (unfinished > 0 && nanos > 0) {
                nanos = allDone.awaitNanos(nanos);
            }
            return unfinished == 0;
        } finally {
            lock.unlock();
        }
    }

    public int unfinishedTasks() {
        lock.lock();
        try {
            return unfinished;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the demo saw: for each producer, how many items were processed when its join
     * returned and whether it returned in time; whether each consumer was still alive then.
     */
    public record Outcome(Map<String, Integer> processedWhenJoinReturned, Map<String, Boolean> joinedInTime,
                          Map<String, Boolean> consumersAliveAfterJoin) {
    }

    /** What one producer's join saw. */
    private record Joined(boolean inTime, int processed) {
    }

    /**
     * Two producers put {@code perProducer} items each, then join the queue (at most
     * {@code joinTimeout}); two daemon consumers process items. If {@code forgetOneTaskDone},
     * the first item a consumer handles is never marked done. Consumers are interrupted at the end.
     */
    public static Outcome demo(int perProducer, Duration work, Duration joinTimeout, boolean forgetOneTaskDone)
            throws InterruptedException, ExecutionException {
        var queue = new JoinableQueue<String>(20);
        var processed = new AtomicInteger();
        var forgetNext = new AtomicBoolean(forgetOneTaskDone);
        var consumers = new LinkedHashMap<String, Thread>();
        for (String name : List.of("mengmeng", "xiaoxiao")) {
            // Daemons, like the seed's: nothing ends their loop, only JVM exit (or our interrupt) would.
            consumers.put(name, Thread.ofPlatform().name(name).daemon(true).start(() -> {
                try {
                    while (true) {
                        String item = queue.take();
                        Thread.sleep(work);
                        processed.incrementAndGet();
                        log.info("consumed '{}'", item);
                        if (forgetNext.getAndSet(false)) {
                            log.warn("forgot task_done() for '{}'", item);
                        } else {
                            queue.taskDone();
                        }
                    }
                } catch (InterruptedException e) {
                    log.info("interrupted while waiting for more work");
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // Each producer's answer is a future: main cannot read it without waiting for that producer.
        var answers = new LinkedHashMap<String, FutureTask<Joined>>();
        var producers = new ArrayList<Thread>();
        for (String name : List.of("fioman", "jingjing")) {
            var answer = new FutureTask<>(() -> {
                for (int i = 0; i < perProducer; i++) {
                    queue.put(name + " produced bun #" + i);
                }
                boolean inTime = queue.join(joinTimeout);
                int seen = processed.get();
                log.info("join() {} with {} items processed", inTime ? "returned" : "timed out", seen);
                return new Joined(inTime, seen);
            });
            answers.put(name, answer);
            producers.add(Thread.ofPlatform().name(name).start(answer));
        }
        try {
            var seen = new LinkedHashMap<String, Integer>();
            var inTime = new LinkedHashMap<String, Boolean>();
            for (var answer : answers.entrySet()) {
                Joined joined = answer.getValue().get();
                seen.put(answer.getKey(), joined.processed());
                inTime.put(answer.getKey(), joined.inTime());
            }
            var alive = new LinkedHashMap<String, Boolean>();
            consumers.forEach((name, consumer) -> alive.put(name, consumer.isAlive()));
            log.info("main program finished; the consumers are still there: {}", alive);
            return new Outcome(Map.copyOf(seen), Map.copyOf(inTime), Map.copyOf(alive));
        } finally {
            // The clean-up the seed never does: end the idle consumers (and, if main was
            // interrupted, the producers) and wait for them.
            for (Thread thread : Iterables.concat(producers, consumers.values())) {
                thread.interrupt();
                thread.join();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        demo(10, Duration.ofMillis(100), Duration.ofSeconds(10), false);
        log.info("now one consumer forgets a single task_done():");
        demo(3, Duration.ofMillis(100), Duration.ofSeconds(1), true);
    }
}
