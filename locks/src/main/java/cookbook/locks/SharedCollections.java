package cookbook.locks;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
    private static final Runnable NO_WINDOW = () -> { };

    /**
     * Broken on purpose: ArrayList's append, step by step, with the race window exposed. A
     * {@link List}, so it can also be wrapped by {@code Collections.synchronizedList}.
     */
    public static final class UnsafeAppendList extends AbstractList<Object> {
        private final Runnable window;
        private Object[] elements = new Object[4];
        private int size;

        public UnsafeAppendList() {
            this(NO_WINDOW);
        }

        /** The same list, with a test seam between reading {@code size} and storing the element. */
        public UnsafeAppendList(Runnable window) {
            this.window = window;
        }

        @Override
        public boolean add(Object e) {
            int s = size;
            if (s == elements.length) {
                elements = Arrays.copyOf(elements, s * 2);
            }
            window.run();
            elements[s] = e;
            size = s + 1;
            return true;
        }

        @Override
        public Object get(int index) {
            Objects.checkIndex(index, size);
            return elements[index];
        }

        @Override
        public int size() {
            return size;
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
     * A real ArrayList: a reader thread iterates, and between two of its steps this thread
     * adds. The latches put the add exactly there, so the reader's next step throws every
     * time. (Python's list would just carry on.) Returns the exception's name, or "none".
     */
    public static String iterateWhileAnotherThreadAdds() throws InterruptedException {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        var readerAtFirst = new CountDownLatch(1);
        var added = new CountDownLatch(1);
        var reader = new FutureTask<>(() -> {
            try {
                for (Integer ignored : list) {
                    readerAtFirst.countDown();
                    added.await();
                }
                return "none";
            } catch (ConcurrentModificationException e) {
                return e.getClass().getSimpleName();
            }
        });
        Thread.ofPlatform().name("reader").start(reader);
        readerAtFirst.await();
        list.add(4);
        added.countDown();
        // get() waits for the reader to finish, as join() would, and hands back what it met.
        try {
            return reader.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the reader failed", e.getCause());
        }
    }

    // tag::idiom[]
    /** Fixed: merge does the read, the add and the write as one step on that key. */
    public static void merge(ConcurrentHashMap<String, Integer> counts, String key) {
        merge(counts, key, NO_WINDOW);
    }

    /** The same merge, with a test seam inside the function, which runs under the key's lock. */
    public static void merge(ConcurrentHashMap<String, Integer> counts, String key, Runnable window) {
        counts.merge(key, 1, (old, one) -> {
            window.run();
            return old + one;
        });
    }

    /** Broken even on a ConcurrentHashMap: each call is atomic, the get-then-put sequence is not. */
    public static void unsafeGetThenPut(Map<String, Integer> counts, String key) {
        unsafeGetThenPut(counts, key, NO_WINDOW);
    }

    /** The same get-then-put, with a test seam between the get and the put. */
    public static void unsafeGetThenPut(Map<String, Integer> counts, String key, Runnable window) {
        Integer old = counts.getOrDefault(key, 0);
        window.run();
        counts.put(key, old + 1);
    }
    // end::idiom[]

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
                    unsafeGetThenPut(counts, "get-then-put", Thread::yield);
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
