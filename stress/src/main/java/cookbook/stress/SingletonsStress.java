package cookbook.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * LCK-07 under jcstress: double-checked locking, as in {@code Singletons.DoubleCheckedInit},
 * with and without {@code volatile} on the field. Each of two threads gets the lazily built
 * object and reports how many of its four fields it saw written (4 = fully built). The thread
 * that skips the lock reads the field with no happens-before edge to the creator's writes,
 * so without {@code volatile} it may see the reference before the fields. No unit test can
 * force that reordering; it shows up (or not) only statistically, and rarely on x86.
 */
public final class SingletonsStress {
    private SingletonsStress() {
    }

    /** The lazily built object: four plain fields its constructor writes. */
    static final class Resource {
        int a;
        int b;
        int c;
        int d;

        Resource() {
            a = 1;
            b = 1;
            c = 1;
            d = 1;
        }

        int fieldsSeen() {
            return a + b + c + d;
        }
    }

    @JCStressTest
    @Description("LCK-07: double-checked locking WITHOUT volatile: the unlocked first read has no happens-before edge")
    @Outcome(id = "4, 4", expect = ACCEPTABLE, desc = "both threads saw the object fully built")
    @Outcome(expect = ACCEPTABLE_INTERESTING,
            desc = "half-built: a thread got the reference before the constructor's writes (fields still 0)")
    @State
    public static class BrokenDoubleCheckedLocking {
        Resource instance;

        Resource get() {
            Resource result = instance;
            if (result == null) {
                synchronized (this) {
                    result = instance;
                    if (result == null) {
                        instance = result = new Resource();
                    }
                }
            }
            return result;
        }

        @Actor
        public void first(II_Result r) {
            r.r1 = get().fieldsSeen();
        }

        @Actor
        public void second(II_Result r) {
            r.r2 = get().fieldsSeen();
        }
    }

    @JCStressTest
    @Description("LCK-07: double-checked locking with a volatile field: the write publishes the finished object")
    @Outcome(id = "4, 4", expect = ACCEPTABLE, desc = "both threads saw the object fully built")
    @Outcome(expect = FORBIDDEN, desc = "half-built object seen through a volatile field")
    @State
    public static class VolatileDoubleCheckedLocking {
        volatile Resource instance;

        Resource get() {
            Resource result = instance;
            if (result == null) {
                synchronized (this) {
                    result = instance;
                    if (result == null) {
                        instance = result = new Resource();
                    }
                }
            }
            return result;
        }

        @Actor
        public void first(II_Result r) {
            r.r1 = get().fieldsSeen();
        }

        @Actor
        public void second(II_Result r) {
            r.r2 = get().fieldsSeen();
        }
    }
}
