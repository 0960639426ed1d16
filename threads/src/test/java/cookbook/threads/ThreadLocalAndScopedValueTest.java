package cookbook.threads;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cookbook.threads.ThreadLocalAndScopedValue.Counting;
import cookbook.threads.ThreadLocalAndScopedValue.Greeting;
import cookbook.threads.ThreadLocalAndScopedValue.PooledTasks;
import cookbook.threads.ThreadLocalAndScopedValue.Students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadLocalAndScopedValueTest {
    private static final List<String> NAMES = List.of("Alice", "Bob");

    @Test
    @DisplayName("THR-08: with a ThreadLocal each thread starts empty, reads back its own student, and the caller keeps its own value")
    void threadLocalIsPerThread() throws InterruptedException {
        assertEquals(new Students(List.of(
                        new Greeting("Thread-A", "Alice", null, null),
                        new Greeting("Thread-B", "Bob", null, null)), "the caller's student"),
                ThreadLocalAndScopedValue.withThreadLocal(NAMES));
        assertNull(ThreadLocalAndScopedValue.STUDENT_LOCAL.get(), "the recipe removed the caller's value too");
    }

    @Test
    @DisplayName("THR-08: a ScopedValue is bound per call: a new thread starts unbound, reads its own student, unbound once the call returns")
    void scopedValueIsPerCall() throws InterruptedException {
        assertEquals(new Students(List.of(
                        new Greeting("Thread-A", "Alice", null, null),
                        new Greeting("Thread-B", "Bob", null, null)), "the caller's student"),
                ThreadLocalAndScopedValue.withScopedValue(NAMES));
        assertFalse(ThreadLocalAndScopedValue.STUDENT_SCOPED.isBound());
    }

    @Test
    @DisplayName("THR-08: on a pooled thread a ThreadLocal set by one task leaks into the next unless removed in finally")
    void pooledThreadLocalLeaksUnlessRemoved() throws Exception {
        assertEquals(new PooledTasks(true, "Alice", "Alice"), ThreadLocalAndScopedValue.leakyPooledThreadLocal());
        assertEquals(new PooledTasks(true, "Alice", null), ThreadLocalAndScopedValue.pooledThreadLocalRemovedInFinally());
    }

    @Test
    @DisplayName("THR-08: on a pooled thread a ScopedValue binding never reaches the next task")
    void pooledScopedValueDoesNotLeak() throws Exception {
        assertEquals(new PooledTasks(true, "Alice", null), ThreadLocalAndScopedValue.pooledScopedValue());
    }

    @Test
    @DisplayName("THR-08: a global map keyed by thread has one entry per thread, still there after the threads ended")
    void globalMapKeepsEveryEntry() throws InterruptedException {
        // An entry from before the run (this very thread's) does not count.
        ThreadLocalAndScopedValue.STUDENT_BY_THREAD.put(Thread.currentThread(), "a stale student");

        var map = ThreadLocalAndScopedValue.leakyGlobalMap(NAMES);

        // Each thread found nothing at first, greeted its own student, and left it behind.
        assertEquals(List.of(
                new Greeting("Thread-A", "Alice", null, "Alice"),
                new Greeting("Thread-B", "Bob", null, "Bob")), map.greetings());
        assertEquals(Map.of("Thread-A", "Alice", "Thread-B", "Bob"), map.leftAfterwards());
        assertTrue(ThreadLocalAndScopedValue.STUDENT_BY_THREAD.isEmpty(), "the caller forgets them in the end");
    }

    @ParameterizedTest
    @EnumSource(Counting.class)
    @DisplayName("THR-08: per-thread counts merged after join, a shared AtomicLong and a LongAdder all count exactly")
    void everyCountingStyleIsExact(Counting how) throws InterruptedException {
        assertEquals(4 * 50_000L, ThreadLocalAndScopedValue.count(how, 4, 50_000));
    }

    @Test
    @DisplayName("THR-08: durations are printed for humans, 16 ms or 1.2 s, never PT0.016S")
    void durationsForHumans() {
        HumanDurations.check(ThreadLocalAndScopedValue::human);
    }
}
