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
 * THR-07 under jcstress: a constructor that starts a real thread, then writes one more field,
 * against the static factory that starts it only once the object is complete. The unit tests
 * order the race with latches; here nothing orders it, and jcstress counts what the started
 * thread read ({@code num01, num02}), after {@code join()} makes its reads visible to us.
 * {@code start()} happens-before the thread's first action: {@code num01} is never stale.
 */
public final class StartInConstructorStress {
    private StartInConstructorStress() {
    }

    /** Broken: {@code num02} is written after {@code start()}, racing the thread's read. */
    static final class BrokenStartsInConstructor {
        int num01;
        int num02;
        int seen01 = -1;
        int seen02 = -1;
        final Thread reader;

        BrokenStartsInConstructor() {
            num01 = 1;
            reader = Thread.ofPlatform().name("reader-in-constructor").start(() -> {
                seen01 = num01;
                seen02 = num02;
            });
            num02 = 2;
        }
    }

    /** The fix: the constructor only assigns; the factory starts the thread afterwards. */
    static final class StartedByFactory {
        final int num01;
        final int num02;
        int seen01 = -1;
        int seen02 = -1;
        Thread reader;

        private StartedByFactory() {
            num01 = 1;
            num02 = 2;
        }

        static StartedByFactory create() {
            var object = new StartedByFactory();
            object.reader = Thread.ofPlatform().name("reader-after-construction").start(() -> {
                object.seen01 = object.num01;
                object.seen02 = object.num02;
            });
            return object;
        }
    }

    /** Waits for the reader; its writes are visible after {@code join()}. */
    static void await(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @JCStressTest
    @Description("THR-07: a thread started in the constructor, one field written after start()")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the thread read after the constructor had finished")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING,
            desc = "half-built: the thread read num02 before (or without seeing) the write after start()")
    @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "num01 stale: but it was written before start(), which happens-before")
    @Outcome(expect = FORBIDDEN, desc = "the thread did not record what it read")
    @State
    public static class BrokenStartInConstructor {
        @Actor
        public void construct(II_Result r) {
            var object = new BrokenStartsInConstructor();
            await(object.reader);
            r.r1 = object.seen01;
            r.r2 = object.seen02;
        }
    }

    @JCStressTest
    @Description("THR-07: the factory fix: every field written before start()")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the thread saw the complete object")
    @Outcome(expect = FORBIDDEN, desc = "the thread saw a field the constructor wrote before start() as 0")
    @State
    public static class FactoryStartsAfterConstruction {
        @Actor
        public void construct(II_Result r) {
            var object = StartedByFactory.create();
            await(object.reader);
            r.r1 = object.seen01;
            r.r2 = object.seen02;
        }
    }
}
