package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-02. Python original: consumers call {@code task_done()} after each item of a
 * {@code JoinableQueue}, producers block in {@code join()} until all are done, and the
 * daemon consumers are simply abandoned in {@code get()}.
 *
 * <p>Java has no JoinableQueue, so this is one: a bounded {@link LinkedBlockingQueue} plus
 * an "unfinished tasks" count under a {@link ReentrantLock}, exactly how CPython's
 * {@code queue.Queue} does it. {@code put} counts up, {@code taskDone} counts down and
 * wakes the joiners at zero, {@code join} waits for zero.
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

    public E take() throws InterruptedException {
        return items.take();
    }

    /** Python raises ValueError when called more often than items were put; Java, IllegalStateException. */
    public void taskDone() {
        changeUnfinished(-1);
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

    /** Like {@link #join()}, but gives up after {@code timeout}: false means tasks are still unfinished. */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (unfinished > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = allDone.awaitNanos(nanos);
            }
            return true;
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

    /**
     * What the demo saw: how many items were processed when each producer's join returned,
     * whether the joins completed, and the consumers' states right after (before clean-up).
     */
    public record Outcome(Map<String, Integer> processedWhenJoinReturned, boolean joined, int processed,
                          Map<String, Thread.State> consumerStatesAfterJoin) {
    }

    /**
     * Two producers put {@code perProducer} items each, then join the queue (at most
     * {@code joinTimeout}); two daemon consumers process items. If {@code forgetOneTaskDone},
     * the first item a consumer handles is never marked done. Consumers are interrupted at the end.
     */
    public static Outcome demo(int perProducer, Duration work, Duration joinTimeout, boolean forgetOneTaskDone)
            throws InterruptedException {
        var queue = new JoinableQueue<String>(20);
        var processed = new AtomicInteger();
        var forgotten = new AtomicInteger(forgetOneTaskDone ? 1 : 0);
        var consumers = new LinkedHashMap<String, Thread>();
        for (String name : List.of("mengmeng", "xiaoxiao")) {
            // Daemons, like the seed's: nothing ends their loop, only JVM exit (or our interrupt) would.
            consumers.put(name, Thread.ofPlatform().name(name).daemon(true).start(() -> {
                try {
                    while (true) {
                        String item = queue.take();
                        Thread.sleep(work);
                        processed.incrementAndGet();
                        log.info("{} consumed '{}'", name, item);
                        if (forgotten.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                            queue.taskDone();
                        } else {
                            log.warn("{} forgot task_done() for '{}'", name, item);
                        }
                    }
                } catch (InterruptedException e) {
                    log.info("{} interrupted while waiting for more work", name);
                }
            }));
        }
        var whenJoined = new LinkedHashMap<String, Integer>();
        var joinedAll = new AtomicInteger();
        var producers = new ArrayList<Thread>();
        for (String name : List.of("fioman", "jingjing")) {
            producers.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        queue.put(name + " produced bun #" + i);
                    }
                    boolean joined = queue.join(joinTimeout);
                    int seen = processed.get();
                    synchronized (whenJoined) {
                        whenJoined.put(name, seen);
                    }
                    if (joined) {
                        joinedAll.incrementAndGet();
                    }
                    log.info("{}: join() {} with {} items processed", name, joined ? "returned" : "timed out", seen);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            for (Thread producer : producers) {
                producer.join();
            }
            var states = new LinkedHashMap<String, Thread.State>();
            for (var consumer : consumers.entrySet()) {
                states.put(consumer.getKey(), parkedState(consumer.getValue(), Duration.ofSeconds(5)));
            }
            log.info("main program finished; the consumers are still there: {}", states);
            return new Outcome(Map.copyOf(whenJoined), joinedAll.get() == producers.size(), processed.get(), states);
        } finally {
            // The clean-up the seed never does: end the idle consumers and wait for them.
            producers.forEach(Thread::interrupt);
            for (Thread consumer : consumers.values()) {
                consumer.interrupt();
                consumer.join();
            }
        }
    }

    /** A consumer that just called taskDone() needs a moment to get back into take(): wait for it to park. */
    private static Thread.State parkedState(Thread thread, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return thread.getState();
    }

    public static void main(String[] args) throws InterruptedException {
        demo(10, Duration.ofMillis(100), Duration.ofSeconds(10), false);
        log.info("now one consumer forgets a single task_done():");
        demo(3, Duration.ofMillis(100), Duration.ofSeconds(1), true);
    }
}
