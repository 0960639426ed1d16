package cookbook.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.CountDownLatch;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * THR-06 under jcstress: what the note says may happen to a field two threads share, but no
 * unit test can force. Thread 1 adds 100 to {@code gnum} (which starts at 1) and then says it is
 * done; thread 2 looks whether thread 1 is done, then reads {@code gnum}. The seed orders the two
 * threads by a nap, which is only time: thread 2 may know thread 1 is done (a plain flag) and still
 * read a stale {@code gnum}. The recipe's latch is a happens-before edge: once thread 2 sees the
 * count at zero, it sees 101. (The recipe's thread 2 calls {@code await()}; here it reads
 * {@code getCount()}, the same volatile state, without blocking, as jcstress actors should.) The
 * second pair is the JLS's torn {@code long} (17.7): a plain 64-bit write may be seen as two
 * 32-bit halves; {@code volatile} makes it one.
 */
public final class WhatThreadsShareStress {
    private WhatThreadsShareStress() {
    }

    @JCStressTest
    @Description("THR-06: thread 1 adds 100 to gnum, then sets a plain done flag; thread 2 reads the flag, then gnum")
    @Outcome(id = {"0, 1", "0, 101"}, expect = ACCEPTABLE, desc = "thread 1 was not done yet, whatever gnum thread 2 saw")
    @Outcome(id = "1, 101", expect = ACCEPTABLE, desc = "done, and thread 1's update seen")
    @Outcome(id = "1, 1", expect = ACCEPTABLE_INTERESTING,
            desc = "a stale gnum: thread 2 saw thread 1 done, but not its update (no happens-before)")
    @State
    public static class DoneByTimeNotOrder {
        int gnum = 1;
        boolean done;

        @Actor
        public void thread1() {
            gnum += 100;
            done = true;
        }

        @Actor
        public void thread2(II_Result r) {
            r.r1 = done ? 1 : 0;
            r.r2 = gnum;
        }
    }

    @JCStressTest
    @Description("THR-06: the recipe's fix: thread 1 counts a latch down after its update; thread 2 sees it at zero")
    @Outcome(id = {"0, 1", "0, 101"}, expect = ACCEPTABLE, desc = "the latch was not down yet, whatever gnum thread 2 saw")
    @Outcome(id = "1, 101", expect = ACCEPTABLE, desc = "the latch down, and thread 1's update seen")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "a stale gnum after the latch's happens-before edge")
    @State
    public static class DoneByLatch {
        final CountDownLatch thread1Done = new CountDownLatch(1);
        int gnum = 1;

        @Actor
        public void thread1() {
            gnum += 100;
            thread1Done.countDown();
        }

        @Actor
        public void thread2(II_Result r) {
            r.r1 = thread1Done.getCount() == 0 ? 1 : 0;
            r.r2 = gnum;
        }
    }

    @JCStressTest
    @Description("THR-06: a plain long written once (all bits set) while another thread reads it")
    @Outcome(id = {"0", "-1"}, expect = ACCEPTABLE, desc = "the reader saw the whole old or the whole new value")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "torn: one 32-bit half old, the other new (JLS 17.7 allows it)")
    @State
    public static class PlainLongTearing {
        long value;

        @Actor
        public void writer() {
            value = -1L;
        }

        @Actor
        public void reader(J_Result r) {
            r.r1 = value;
        }
    }

    @JCStressTest
    @Description("THR-06: the same long, volatile: its write and read are atomic")
    @Outcome(id = {"0", "-1"}, expect = ACCEPTABLE, desc = "the reader saw the whole old or the whole new value")
    @Outcome(expect = FORBIDDEN, desc = "torn, which volatile rules out")
    @State
    public static class VolatileLongTearing {
        volatile long value;

        @Actor
        public void writer() {
            value = -1L;
        }

        @Actor
        public void reader(J_Result r) {
            r.r1 = value;
        }
    }
}
