package cookbook.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * LCK-01 under jcstress: two threads each add 1 once to a counter that starts at 0, then the
 * arbiter reads it. The unit test forces the lost update through a window in
 * {@code UnsafeCounter}; here the real {@code count++} runs with nothing in between, millions
 * of times, and jcstress counts how often the result is 1 instead of 2.
 */
public final class LostUpdatesStress {
    private LostUpdatesStress() {
    }

    @JCStressTest
    @Description("LCK-01: count++ on a plain long from two threads: read, add, write can interleave")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
            desc = "lost update: both threads read 0, both wrote 1")
    @State
    public static class UnsafePlainIncrement {
        long count;

        @Actor
        public void first() {
            count++;
        }

        @Actor
        public void second() {
            count++;
        }

        @Arbiter
        public void result(J_Result r) {
            r.r1 = count;
        }
    }

    @JCStressTest
    @Description("LCK-01: count++ on a volatile long: each read and write is visible, the pair is still two steps")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
            desc = "lost update: volatile does not make read-add-write atomic")
    @State
    public static class BrokenVolatileIncrement {
        volatile long count;

        @Actor
        public void first() {
            count++;
        }

        @Actor
        public void second() {
            count++;
        }

        @Arbiter
        public void result(J_Result r) {
            r.r1 = count;
        }
    }

    @JCStressTest
    @Description("LCK-01: the increment inside synchronized (this): one thread at a time reads and writes")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(expect = FORBIDDEN, desc = "an increment was lost inside the lock")
    @State
    public static class SynchronizedIncrement {
        long count;

        @Actor
        public void first() {
            synchronized (this) {
                count++;
            }
        }

        @Actor
        public void second() {
            synchronized (this) {
                count++;
            }
        }

        @Arbiter
        public void result(J_Result r) {
            r.r1 = count;
        }
    }

    @JCStressTest
    @Description("LCK-01: AtomicLong.incrementAndGet: one atomic read-modify-write")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(expect = FORBIDDEN, desc = "AtomicLong lost an increment")
    @State
    public static class AtomicLongIncrement {
        final AtomicLong count = new AtomicLong();

        @Actor
        public void first() {
            count.incrementAndGet();
        }

        @Actor
        public void second() {
            count.incrementAndGet();
        }

        @Arbiter
        public void result(J_Result r) {
            r.r1 = count.get();
        }
    }

    @JCStressTest
    @Description("LCK-01: LongAdder.increment: no read-modify-write of a shared value at all")
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments landed")
    @Outcome(expect = FORBIDDEN, desc = "LongAdder lost an increment")
    @State
    public static class LongAdderIncrement {
        final LongAdder count = new LongAdder();

        @Actor
        public void first() {
            count.increment();
        }

        @Actor
        public void second() {
            count.increment();
        }

        @Arbiter
        public void result(J_Result r) {
            r.r1 = count.sum();
        }
    }
}
