package cookbook.threads;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-07. Python original: a constructor sets num01, starts a thread on an instance method,
 * then sets num02; whether the thread sees num02 depends on which side is faster.
 *
 * <p>Java states the rule the seed found by experiment: {@code Thread.start()}
 * <em>happens-before</em> everything the new thread does, so a field written before
 * {@code start()} is always seen. A field written after {@code start()} is only seen through
 * another edge (a latch, a lock, a volatile); read first, it shows its default, 0 or null.
 * Latches make each case happen the same way on every run, no sleeps involved. The fix is a
 * static factory that finishes building the object and only then starts its thread.
 */
public final class StartInConstructor {
    private static final Logger log = LoggerFactory.getLogger(StartInConstructor.class);

    /** What the thread read: the field set before start(), and the two set after it. */
    public record Seen(int num01, int num02, String label) {
    }

    private StartInConstructor() {
    }

    /**
     * Broken: starts its thread in the middle of the constructor. The thread reads at once;
     * the constructor waits until that read is done and only then assigns the rest, so the
     * thread sees 0 and null on every run. No compiler warning catches this: javac's
     * -Xlint:this-escape looks only at classes a subclass could extend, and this one is final.
     */
    public static final class BrokenStartsInConstructor {
        private int num01;
        private int num02;
        private String label;
        private volatile Seen seen;
        private final Thread reader;

        public BrokenStartsInConstructor() throws InterruptedException {
            var threadHasRead = new CountDownLatch(1);
            num01 = 1;
            reader = Thread.ofPlatform().name("reader-in-constructor").start(() -> {
                seen = new Seen(num01, num02, label);
                threadHasRead.countDown();
            });
            threadHasRead.await();
            num02 = 2;
            label = "ready";
        }

        public Seen seen() throws InterruptedException {
            reader.join();
            return seen;
        }
    }

    /**
     * Still starting in the constructor, but the thread waits on a latch that the constructor
     * opens after its last assignment. {@code countDown()} happens-before the return from
     * {@code await()}, so the late fields are seen: the seed's "thread sleeps first" test,
     * with a real edge instead of a hopeful sleep.
     */
    public static final class LatchedStartsInConstructor {
        private int num01;
        private int num02;
        private String label;
        private volatile Seen seen;
        private final Thread reader;

        public LatchedStartsInConstructor() {
            this(reader -> { });
        }

        /** Test seam: {@code afterStart} runs in the constructor just after the reader starts. */
        LatchedStartsInConstructor(Consumer<Thread> afterStart) {
            var assigned = new CountDownLatch(1);
            num01 = 1;
            reader = Thread.ofPlatform().name("reader-after-latch").start(() -> {
                try {
                    assigned.await();
                    seen = new Seen(num01, num02, label);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            afterStart.accept(reader);
            num02 = 2;
            label = "ready";
            assigned.countDown();
        }

        public Seen seen() throws InterruptedException {
            reader.join();
            return seen;
        }
    }

    // tag::idiom[]
    /**
     * The fix: the constructor only assigns (the fields can even be final), and the static
     * factory starts the thread once the object is complete. Every write is before
     * {@code start()}, so every write is seen, with no latch at all.
     */
    public static final class StartedByFactory {
        private final int num01;
        private final int num02;
        private final String label;
        private volatile Seen seen;
        private Thread reader;

        private StartedByFactory() {
            num01 = 1;
            num02 = 2;
            label = "ready";
        }

        public static StartedByFactory create() {
            var object = new StartedByFactory();
            object.reader = Thread.ofPlatform().name("reader-after-construction")
                    .start(() -> object.seen = new Seen(object.num01, object.num02, object.label));
            return object;
        }

        public Seen seen() throws InterruptedException {
            reader.join();
            return seen;
        }
    }
    // end::idiom[]

    public static void main(String[] args) throws InterruptedException {
        log.info("thread started mid-constructor, reads first:      {}", new BrokenStartsInConstructor().seen());
        log.info("thread started mid-constructor, waits on a latch: {}", new LatchedStartsInConstructor().seen());
        log.info("thread started by a factory after construction: {}", StartedByFactory.create().seen());
    }
}
