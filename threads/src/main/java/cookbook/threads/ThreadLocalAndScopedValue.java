package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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

    /**
     * Two tasks on a one-thread pool: whether they ran on the very same thread, the student
     * the first task's nested call greeted, and what the second task found left behind.
     */
    public record PooledTasks(boolean sameThread, String firstGreeted, String secondFound) {
    }

    /** Every thread's greeting, and the entries still in the global map once they all ended. */
    public record GlobalMap(List<Greeting> greetings, Map<String, String> leftAfterwards) {
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

    /** Leaky: the seed's global dict keyed by the current thread. It works, and it never forgets. */
    public static GlobalMap leakyGlobalMap(List<String> names) throws InterruptedException {
        // Start from an empty map: only this run's threads count.
        STUDENT_BY_THREAD.clear();
        List<Greeting> greetings = runPerName(names, name -> {
            STUDENT_BY_THREAD.put(Thread.currentThread(), name);
            return greet(STUDENT_BY_THREAD.get(Thread.currentThread()));
        }, () -> STUDENT_BY_THREAD.get(Thread.currentThread()));
        // Every thread has ended, yet every entry (and the Thread object it keys) is still here.
        var left = new TreeMap<String, String>();
        STUDENT_BY_THREAD.forEach((thread, name) -> left.put(thread.getName(), name));
        // Someone has to forget them: here, the caller, once every thread has ended.
        STUDENT_BY_THREAD.clear();
        return new GlobalMap(greetings, left);
    }

    // tag::idiom[]
    /** Broken: the first task sets a ThreadLocal and never removes it; the pooled thread keeps it. */
    public static PooledTasks leakyPooledThreadLocal() throws InterruptedException, ExecutionException {
        return twoTasksOnOnePooledThread(() -> {
            STUDENT_LOCAL.set("Alice");
            return processStudentFromThreadLocal();
        }, STUDENT_LOCAL::get);
    }

    /** The fix: {@code remove()} in {@code finally}, so the thread goes back to the pool empty. */
    public static PooledTasks pooledThreadLocalRemovedInFinally() throws InterruptedException, ExecutionException {
        return twoTasksOnOnePooledThread(() -> {
            STUDENT_LOCAL.set("Alice");
            try {
                return processStudentFromThreadLocal();
            } finally {
                STUDENT_LOCAL.remove();
            }
        }, STUDENT_LOCAL::get);
    }

    /** A ScopedValue binding ends with its call: nothing is left for the next task to find. */
    public static PooledTasks pooledScopedValue() throws InterruptedException, ExecutionException {
        return twoTasksOnOnePooledThread(
                () -> ScopedValue.where(STUDENT_SCOPED, "Alice").call(ThreadLocalAndScopedValue::processStudentFromScopedValue),
                () -> STUDENT_SCOPED.isBound() ? STUDENT_SCOPED.get() : null);
    }
    // end::idiom[]

    /**
     * Runs {@code first} as one task on a one-thread pool (it returns whom it greeted), then a
     * second task, for another user, that looks at what {@code peek} finds.
     */
    private static PooledTasks twoTasksOnOnePooledThread(Supplier<String> first, Supplier<String> peek)
            throws InterruptedException, ExecutionException {
        try (var pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("pooled-worker").factory())) {
            var firstThread = new Thread[1];
            String greeted = pool.submit(() -> {
                firstThread[0] = Thread.currentThread();
                return first.get();
            }).get();
            // get() is the happens-before edge that makes firstThread[0] visible here and below.
            return pool.submit(() -> new PooledTasks(Thread.currentThread() == firstThread[0], greeted, peek.get())).get();
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

    /** A duration as a reader wants it: {@code 16 ms}, {@code 1.2 s}. */
    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        log.info("ThreadLocal:  {}", withThreadLocal(List.of("Alice", "Bob")));
        log.info("ScopedValue:  {}", withScopedValue(List.of("Alice", "Bob")));
        log.info("global map after the threads ended: {}", leakyGlobalMap(List.of("Alice", "Bob")).leftAfterwards());
        log.info("pooled, no remove():         {}", leakyPooledThreadLocal());
        log.info("pooled, remove() in finally: {}", pooledThreadLocalRemovedInFinally());
        log.info("pooled, ScopedValue:         {}", pooledScopedValue());
        for (var how : Counting.values()) {
            long begin = System.nanoTime();
            long total = count(how, 4, 5_000_000);
            log.info("{}: total {} in {}", how, total, human(Duration.ofNanos(System.nanoTime() - begin)));
        }
    }
}
