package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-08. Python original: threading.local() carries a student's name from process_thread
 * into process_student, so Thread-A greets Alice and Thread-B greets Bob without passing it.
 *
 * <p>Java has two tools. {@link ThreadLocal}: each thread has its own slot, which stays
 * filled until {@code remove()}, even when a pool hands the thread to the next task.
 * {@link ScopedValue} (final in JDK 25): an immutable value bound for the duration of one
 * call, gone when the call returns, so it cannot leak between tasks. A global map keyed by
 * thread, the seed's other idea, works but leaks every entry. Per-thread counters merged at
 * the end are the honest version of the seed's "performance" example.
 */
public final class ThreadLocalAndScopedValue {
    private static final Logger log = LoggerFactory.getLogger(ThreadLocalAndScopedValue.class);

    static final ThreadLocal<String> STUDENT_LOCAL = new ThreadLocal<>();
    static final ScopedValue<String> STUDENT_SCOPED = ScopedValue.newInstance();
    static final Map<Thread, String> STUDENT_BY_THREAD = new ConcurrentHashMap<>();

    /** Who greeted whom, and what the thread found in the slot before and after its work. */
    public record Greeting(String thread, String student, String foundAtStart, String foundAfterwards) {
    }

    /** Every thread's greeting, and the caller's own value, read after the threads ended. */
    public record Students(List<Greeting> greetings, String callerStillHas) {
    }

    /** Two tasks on one pooled thread: what the second task found left by the first. */
    public record PooledTasks(String firstThread, String secondThread, String secondFound) {
    }

    public enum Counting { LOCAL_THEN_MERGE, SHARED_ATOMIC_LONG, LONG_ADDER }

    private ThreadLocalAndScopedValue() {
    }

    /** Thread-A, Thread-B...: each sets its own student, then a nested call reads it. */
    public static Students withThreadLocal(List<String> names) throws InterruptedException {
        STUDENT_LOCAL.set("the caller's student");
        try {
            List<Greeting> greetings = runPerName(names, name -> {
                STUDENT_LOCAL.set(name);
                try {
                    return processStudentFromThreadLocal();
                } finally {
                    STUDENT_LOCAL.remove();
                }
            }, STUDENT_LOCAL::get);
            return new Students(greetings, STUDENT_LOCAL.get());
        } finally {
            STUDENT_LOCAL.remove();
        }
    }

    /** The same with a ScopedValue: bound for one call, unbound the moment it returns. */
    public static Students withScopedValue(List<String> names) throws InterruptedException {
        return ScopedValue.where(STUDENT_SCOPED, "the caller's student").call(() -> {
            List<Greeting> greetings = runPerName(names,
                    name -> ScopedValue.where(STUDENT_SCOPED, name).call(ThreadLocalAndScopedValue::processStudentFromScopedValue),
                    () -> STUDENT_SCOPED.isBound() ? STUDENT_SCOPED.get() : null);
            return new Students(greetings, STUDENT_SCOPED.get());
        });
    }

    /** The seed's global dict keyed by the current thread: it works, and it never forgets. */
    public static Map<String, String> withGlobalMap(List<String> names) throws InterruptedException {
        STUDENT_BY_THREAD.clear();
        runPerName(names, name -> {
            STUDENT_BY_THREAD.put(Thread.currentThread(), name);
            return greet(STUDENT_BY_THREAD.get(Thread.currentThread()));
        }, () -> STUDENT_BY_THREAD.get(Thread.currentThread()));
        // Every thread has ended, yet every entry (and the Thread object it keys) is still here.
        var left = new TreeMap<String, String>();
        STUDENT_BY_THREAD.forEach((thread, name) -> left.put(thread.getName(), name));
        STUDENT_BY_THREAD.clear();
        return left;
    }

    /**
     * Two tasks on a one-thread pool: the first sets a ThreadLocal, with or without
     * {@code remove()} in {@code finally}; the second, for another user, reads it.
     */
    public static PooledTasks pooledThreadLocal(boolean removeInFinally) throws InterruptedException, ExecutionException {
        try (var pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("pooled-worker").factory())) {
            String first = pool.submit(() -> {
                STUDENT_LOCAL.set("Alice");
                try {
                    processStudentFromThreadLocal();
                    return Thread.currentThread().getName();
                } finally {
                    if (removeInFinally) {
                        STUDENT_LOCAL.remove();
                    }
                }
            }).get();
            return pool.submit(() -> new PooledTasks(first, Thread.currentThread().getName(), STUDENT_LOCAL.get())).get();
        }
    }

    /** The same two tasks with a ScopedValue: the first binding ends with its call. */
    public static PooledTasks pooledScopedValue() throws InterruptedException, ExecutionException {
        try (var pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("pooled-worker").factory())) {
            String first = pool.submit(() -> {
                ScopedValue.where(STUDENT_SCOPED, "Alice").run(ThreadLocalAndScopedValue::processStudentFromScopedValue);
                return Thread.currentThread().getName();
            }).get();
            return pool.submit(() -> new PooledTasks(first, Thread.currentThread().getName(),
                    STUDENT_SCOPED.isBound() ? STUDENT_SCOPED.get() : null)).get();
        }
    }

    /** Each of {@code threads} threads adds 1 {@code increments} times; returns the total. */
    public static long count(Counting how, int threads, int increments) throws InterruptedException {
        var shared = new AtomicLong();
        var adder = new LongAdder();
        long[] locals = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int slot = w;
            workers.add(Thread.ofPlatform().name("counter-", w).start(() -> {
                // A plain local: the cheapest per-thread storage there is, merged after join.
                long mine = 0;
                for (int i = 0; i < increments; i++) {
                    switch (how) {
                        case LOCAL_THEN_MERGE -> mine++;
                        case SHARED_ATOMIC_LONG -> shared.incrementAndGet();
                        case LONG_ADDER -> adder.increment();
                    }
                }
                locals[slot] = mine;
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        return switch (how) {
            case LOCAL_THEN_MERGE -> java.util.Arrays.stream(locals).sum();
            case SHARED_ATOMIC_LONG -> shared.get();
            case LONG_ADDER -> adder.sum();
        };
    }

    private interface Work {
        String run(String name) throws Exception;
    }

    /** Starts Thread-A, Thread-B... (one per name) and runs {@code work}, peeking before and after. */
    private static List<Greeting> runPerName(List<String> names, Work work, Supplier<String> peek)
            throws InterruptedException {
        List<Greeting> greetings = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            threads.add(Thread.ofPlatform().name("Thread-" + (char) ('A' + i)).start(() -> {
                try {
                    String atStart = peek.get();
                    String student = work.run(name);
                    greetings.add(new Greeting(Thread.currentThread().getName(), student, atStart, peek.get()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return greetings.stream().sorted(java.util.Comparator.comparing(Greeting::thread)).toList();
    }

    /** Python's process_student: deep in the call chain, it takes no parameter at all. */
    private static String processStudentFromThreadLocal() {
        return greet(STUDENT_LOCAL.get());
    }

    private static String processStudentFromScopedValue() {
        return greet(STUDENT_SCOPED.get());
    }

    private static String greet(String student) {
        log.info("Hello, {} (in {})", student, Thread.currentThread().getName());
        return student;
    }

    public static void main(String[] args) throws Exception {
        log.info("ThreadLocal:  {}", withThreadLocal(List.of("Alice", "Bob")));
        log.info("ScopedValue:  {}", withScopedValue(List.of("Alice", "Bob")));
        log.info("global map after the threads ended: {}", withGlobalMap(List.of("Alice", "Bob")));
        log.info("pooled, no remove():     {}", pooledThreadLocal(false));
        log.info("pooled, remove() in finally: {}", pooledThreadLocal(true));
        log.info("pooled, ScopedValue:     {}", pooledScopedValue());
        for (var how : Counting.values()) {
            long begin = System.nanoTime();
            long total = count(how, 4, 5_000_000);
            log.info("{}: total {} in {} ms", how, total, Duration.ofNanos(System.nanoTime() - begin).toMillis());
        }
    }
}
