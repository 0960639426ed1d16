package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-02. Python original: a {@code LoopThread} subclass of {@code threading.Thread} overrides
 * {@code run()} and counts 0 to 4 in a thread named {@code loop_thread_oop}.
 *
 * <p>Java allows the same: extend {@link Thread}, take the arguments as final fields through
 * the constructor, override {@code run()}. The trap is the same in both languages:
 * {@code run()} is an ordinary method, so calling it directly runs the loop in the
 * <em>caller</em>, and only {@code start()} makes a new thread. Idiomatic Java prefers a
 * {@link Runnable} handed to {@link Thread.Builder} (THR-01); the subclass is here for parity.
 */
public final class ThreadSubclass {
    private static final Logger log = LoggerFactory.getLogger(ThreadSubclass.class);

    /** One line of the story: which thread ran which step. */
    public record Event(String thread, String what) {
    }

    /** The steps in order, and the thread object's state when the caller got control back. */
    public record Outcome(List<Event> events, Thread.State stateAfterwards) {
    }

    private ThreadSubclass() {
    }

    // tag::idiom[]
    /**
     * The subclass. Python's {@code self._args} becomes constructor parameters stored in
     * final fields: one set per thread object, fixed before the thread starts.
     */
    public static final class LoopThread extends Thread {
        private final int steps;
        private final Duration pause;
        private final List<Event> events;

        public LoopThread(String name, int steps, Duration pause, List<Event> events) {
            super(name);
            this.steps = steps;
            this.pause = pause;
            this.events = events;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; n < steps; n++) {
                    // currentThread(), not getName(): it reports who really runs this line,
                    // which is the caller when run() is called directly.
                    record(events, "step " + n);
                    Thread.sleep(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The right way: {@code start()} runs {@code run()} on the new thread, {@code join()} waits. */
    public static Outcome startAndJoin(String name, int steps, Duration pause) throws InterruptedException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var thread = new LoopThread(name, steps, pause, events);
        thread.start();
        thread.join();
        return new Outcome(List.copyOf(events), thread.getState());
    }
    // end::idiom[]

    /**
     * The mistake: calling {@code run()} directly. The loop runs in the calling thread, the
     * thread object is never started (still {@code NEW}), and {@code join()} on it returns at
     * once because there is nothing to wait for.
     */
    public static Outcome callRunDirectly(String name, int steps, Duration pause) throws InterruptedException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var thread = new LoopThread(name, steps, pause, events);
        thread.run();
        thread.join();
        return new Outcome(List.copyOf(events), thread.getState());
    }

    private static void record(List<Event> events, String what) {
        log.info(what);
        events.add(new Event(Thread.currentThread().getName(), what));
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("start(): the steps are logged by 'loop_thread_oop'");
        var started = startAndJoin("loop_thread_oop", 5, Duration.ofMillis(300));
        log.info("thread state after join(): {}", started.stateAfterwards());

        log.info("run() called directly: the same steps are logged by '{}' itself", Thread.currentThread().getName());
        var direct = callRunDirectly("never_started", 3, Duration.ofMillis(200));
        log.info("thread state afterwards: {} (it never ran as a thread)", direct.stateAfterwards());
    }
}
