package cookbook.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * THR-10 under jcstress (the walker's stop flag; the sharing discipline's "visibility" rule):
 * one thread spins until a flag is set, another sets it. In jcstress's termination mode a
 * spinner that does not stop in time after the signal counts as STALE. With a plain
 * {@code boolean} the JIT may read the field once and spin on the copy for ever; a
 * {@code volatile} read cannot be hoisted out of the loop.
 */
public final class ThreadStatesStress {
    private ThreadStatesStress() {
    }

    @JCStressTest(Mode.Termination)
    @Description("THR-10: a plain boolean stop flag and an empty spin loop")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spinner saw the flag and stopped")
    @Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING,
            desc = "the spinner never saw the flag: the JIT read it once, before the loop")
    @State
    public static class PlainStopFlag {
        boolean stop;

        @Actor
        public void spinner() {
            while (!stop) {
                // Nothing here forces a fresh read of stop.
            }
        }

        @Signal
        public void signal() {
            stop = true;
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("THR-10: a plain boolean stop flag, the loop calling Thread.onSpinWait() as the walker does")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spinner saw the flag and stopped")
    @Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING,
            desc = "the spinner never saw the flag: the JIT read it once, before the loop")
    @State
    public static class PlainStopFlagOnSpinWait {
        boolean stop;

        @Actor
        public void spinner() {
            while (!stop) {
                Thread.onSpinWait();
            }
        }

        @Signal
        public void signal() {
            stop = true;
        }
    }

    @JCStressTest(Mode.Termination)
    @Description("THR-10: a volatile stop flag: every pass of the loop reads it again")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spinner saw the flag and stopped")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the spinner missed a volatile write")
    @State
    public static class VolatileStopFlag {
        volatile boolean stop;

        @Actor
        public void spinner() {
            while (!stop) {
                // The volatile read is the fix: no hoisting.
            }
        }

        @Signal
        public void signal() {
            stop = true;
        }
    }
}
