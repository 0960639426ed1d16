package cookbook.locks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-08. Python original: two threads each append 100,000 numbers to one plain list and the
 * length always ends at 200,000, because under the GIL {@code list.append} is atomic.
 *
 * <p>Not in Java: {@link ArrayList#add} is three steps (read {@code size}, store at that
 * index, write {@code size + 1}) and two threads interleave them, losing elements or throwing
 * {@code ArrayIndexOutOfBoundsException} while the array grows. {@code main} shows it on a
 * real {@code ArrayList}. The JDK's list cannot be paused mid-add, so for a test that fails
 * on every run {@link UnsafeAppendList} does the same three steps with a {@code window}
 * between the read and the store. A real {@code ArrayList} does fail deterministically in
 * another way: adding while another thread iterates throws
 * {@link ConcurrentModificationException} ({@link #iterateWhileAnotherThreadAdds()}).
 *
 * <p>Safe: {@code Collections.synchronizedList}, {@link CopyOnWriteArrayList}, and for
 * Python's {@code d[k] = d[k] + 1}, {@link ConcurrentHashMap#merge}. A concurrent map does not
 * make {@code get} then {@code put} atomic: that check-then-act is still a lost update.
 */
public final class SharedCollections {
    private static final Logger log = LoggerFactory.getLogger(SharedCollections.class);

    /** Broken on purpose: ArrayList's append, step by step, with the race window exposed. */
    public static final class UnsafeAppendList {
        private Object[] elements = new Object[4];
        private int size;

        public void add(Object e, Runnable window) {
            int s = size;
            if (s == elements.length) {
                elements = Arrays.copyOf(elements, s * 2);
            }
            window.run();
            elements[s] = e;
            size = s + 1;
        }

        public List<Object> snapshot() {
            return Arrays.asList(Arrays.copyOf(elements, size));
        }
    }

    /** How many elements a list ended with, and what went wrong on the way (if anything). */
    public record Appended(int size, List<String> errors) {
    }

    private SharedCollections() {
    }

    /** Two threads append {@code perThread} numbers each to {@code list}, starting together. */
    public static Appended appendConcurrently(List<Integer> list, int perThread) throws InterruptedException {
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        var go = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().name("appender-", t).start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        list.add(i);
                    }
                } catch (RuntimeException e) {
                    errors.add(e.getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new Appended(list.size(), List.copyOf(errors));
    }

    /**
     * A real ArrayList, a reader iterating and a writer adding in the middle of it. The
     * latches put the add exactly between two steps of the iteration, so the next step
     * throws every time. (Python's list would just carry on.) Returns the exception's name.
     */
    public static String iterateWhileAnotherThreadAdds() throws InterruptedException {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        var readerAtFirst = new CountDownLatch(1);
        var writerDone = new CountDownLatch(1);
        String[] failure = {"none"};
        Thread reader = Thread.ofPlatform().name("reader").start(() -> {
            try {
                for (Integer ignored : list) {
                    readerAtFirst.countDown();
                    writerDone.await();
                }
            } catch (ConcurrentModificationException e) {
                failure[0] = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread writer = Thread.ofPlatform().name("writer").start(() -> {
            try {
                readerAtFirst.await();
                list.add(4);
                writerDone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.join();
        reader.join();
        return failure[0];
    }

    /** Broken even on a ConcurrentHashMap: get, then put, with the window between them. */
    public static void getThenPut(Map<String, Integer> counts, String key, Runnable window) {
        Integer old = counts.getOrDefault(key, 0);
        window.run();
        counts.put(key, old + 1);
    }

    /** Fixed: merge does the read, the add and the write as one step on that key. */
    public static void merge(ConcurrentHashMap<String, Integer> counts, String key, Runnable window) {
        counts.merge(key, 1, (old, one) -> {
            window.run();
            return old + one;
        });
    }

    public static void main(String[] args) throws InterruptedException {
        // No GIL and no atomic append: the plain list usually comes up short or throws.
        log.info("ArrayList:                {}", appendConcurrently(new ArrayList<>(), 100_000));
        log.info("synchronizedList:         {}",
                appendConcurrently(Collections.synchronizedList(new ArrayList<>()), 100_000));
        log.info("CopyOnWriteArrayList:     {}", appendConcurrently(new CopyOnWriteArrayList<>(), 10_000));
        log.info("iterate while adding:     {}", iterateWhileAnotherThreadAdds());

        var counts = new ConcurrentHashMap<String, Integer>();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().name("counter-", t).start(() -> {
                for (int i = 0; i < 100_000; i++) {
                    // Yielding between get and put widens the gap, so the losses show.
                    getThenPut(counts, "get-then-put", Thread::yield);
                    merge(counts, "merge", Thread::yield);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        log.info("200,000 increments each on a ConcurrentHashMap: {}", counts);
    }
}
