package cookbook.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * LCK-08 under jcstress: the JDK's own {@code ArrayList.add} and {@code HashMap} get-then-put,
 * which the unit tests cannot pause mid-call (they force a re-implementation,
 * {@code UnsafeAppendList}, instead), against the thread-safe calls the note recommends.
 */
public final class SharedCollectionsStress {
    /**
     * The lists start full at capacity 10, so both adds also grow the array: the step where
     * one thread can store into an array the other has just replaced.
     */
    static final int PREFILLED = 10;

    private SharedCollectionsStress() {
    }

    static List<Integer> fullList() {
        var list = new ArrayList<Integer>(PREFILLED);
        for (int i = 0; i < PREFILLED; i++) {
            list.add(i);
        }
        return list;
    }

    /** The outcome of two adds: elements the size counts, of ours really present, exceptions. */
    static void record(List<Integer> list, int exceptions, III_Result r) {
        r.r1 = list.size() - PREFILLED;
        r.r2 = (list.contains(-1) ? 1 : 0) + (list.contains(-2) ? 1 : 0);
        r.r3 = exceptions;
    }

    @JCStressTest
    @Description("LCK-08: ArrayList.add from two threads on a full list: size read, array grown, element stored, size written")
    @Outcome(id = "2, 2, 0", expect = ACCEPTABLE, desc = "both elements added")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE_INTERESTING,
            desc = "lost element: both stored at the same index, size grew by one")
    @Outcome(id = ".*, .*, [12]", expect = ACCEPTABLE_INTERESTING,
            desc = "ArrayIndexOutOfBoundsException: an index past the array the other thread replaced")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "size and contents disagree: an element vanished in the grown array")
    @State
    public static class UnsafeArrayListAdd {
        final List<Integer> list = fullList();
        final AtomicInteger exceptions = new AtomicInteger();

        @Actor
        public void first() {
            add(-1);
        }

        @Actor
        public void second() {
            add(-2);
        }

        private void add(int element) {
            try {
                list.add(element);
            } catch (IndexOutOfBoundsException e) {
                exceptions.incrementAndGet();
            }
        }

        @Arbiter
        public void result(III_Result r) {
            record(list, exceptions.get(), r);
        }
    }

    @JCStressTest
    @Description("LCK-08: the same adds through Collections.synchronizedList: every call under the wrapper's lock")
    @Outcome(id = "2, 2, 0", expect = ACCEPTABLE, desc = "both elements added")
    @Outcome(expect = FORBIDDEN, desc = "an element was lost or an add threw inside the lock")
    @State
    public static class SynchronizedListAdd {
        final List<Integer> list = Collections.synchronizedList(fullList());

        @Actor
        public void first() {
            list.add(-1);
        }

        @Actor
        public void second() {
            list.add(-2);
        }

        @Arbiter
        public void result(III_Result r) {
            record(list, 0, r);
        }
    }

    /** Python's {@code d[k] = d[k] + 1} as two map calls: a read, then a write of what was read. */
    static void getThenPut(Map<String, Integer> counts) {
        counts.put("k", counts.getOrDefault("k", 0) + 1);
    }

    @JCStressTest
    @Description("LCK-08: HashMap get-then-put from two threads: d[k] = d[k] + 1 in two calls")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "lost increment: both got 0, both put 1")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "the key itself vanished: both threads built the map's table")
    @State
    public static class UnsafeHashMapGetThenPut {
        final Map<String, Integer> counts = new HashMap<>();

        @Actor
        public void first() {
            getThenPut(counts);
        }

        @Actor
        public void second() {
            getThenPut(counts);
        }

        @Arbiter
        public void result(I_Result r) {
            r.r1 = counts.getOrDefault("k", -1);
        }
    }

    @JCStressTest
    @Description("LCK-08: ConcurrentHashMap get-then-put: each call is atomic, the pair of calls is not")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "lost increment: both got 0, both put 1")
    @State
    public static class BrokenConcurrentMapGetThenPut {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Actor
        public void first() {
            getThenPut(counts);
        }

        @Actor
        public void second() {
            getThenPut(counts);
        }

        @Arbiter
        public void result(I_Result r) {
            r.r1 = counts.getOrDefault("k", -1);
        }
    }

    @JCStressTest
    @Description("LCK-08: ConcurrentHashMap.merge(k, 1, Integer::sum): the read and the write in one atomic call")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(expect = FORBIDDEN, desc = "merge lost an increment")
    @State
    public static class ConcurrentMapMerge {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Actor
        public void first() {
            counts.merge("k", 1, Integer::sum);
        }

        @Actor
        public void second() {
            counts.merge("k", 1, Integer::sum);
        }

        @Arbiter
        public void result(I_Result r) {
            r.r1 = counts.getOrDefault("k", -1);
        }
    }
}
