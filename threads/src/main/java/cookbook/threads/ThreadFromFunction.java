package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-01. Python original: a {@code loop()} function runs in
 * {@code Thread(target=loop, name='loop_thread')}; the main thread starts it, then joins it.
 *
 * <p>In Java the "target function" is a {@link Runnable}, usually a lambda, and
 * {@link Thread.Builder} gives the thread its name before it starts. The same builder API
 * makes a virtual thread, and the code that runs inside does not change.
 *
 * <p>What to notice: {@code start()} returns at once, so {@code main} carries on while
 * {@code loop_thread} works; {@code join()} then blocks until the loop has finished.
 */
public final class ThreadFromFunction {
    private static final Logger log = LoggerFactory.getLogger(ThreadFromFunction.class);

    /** One line of the story: which thread did what. */
    public record Event(String thread, String what) {
    }

    /** What happened, in order, and the loop thread's state once joined. */
    public record Outcome(List<Event> events, boolean virtual, Thread.State stateAfterJoin, Duration elapsed) {
    }

    private ThreadFromFunction() {
    }

    // tag::idiom[]
    /**
     * Starts {@code loop} on a thread made by {@code builder}, records that the caller keeps
     * going, then joins. Each of the {@code steps} pauses for {@code pause}.
     */
    public static Outcome run(Thread.Builder builder, int steps, Duration pause) throws InterruptedException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        // Holds step 0 back until main has logged that start() returned. Without it the two
        // lines could come in either order; with it the story reads the same on every run.
        var mainCarriedOn = new CountDownLatch(1);

        long begin = System.nanoTime();
        Thread loopThread = builder.start(() -> loop(steps, pause, mainCarriedOn, events));
        record(events, "start() returned; main carries on while the loop runs");
        mainCarriedOn.countDown();

        loopThread.join();
        record(events, "join() returned; the loop has finished");
        return new Outcome(List.copyOf(events), loopThread.isVirtual(), loopThread.getState(),
                Duration.ofNanos(System.nanoTime() - begin));
    }

    /** The "target function": the body any thread can run, once {@code go} opens. */
    static void loop(int steps, Duration pause, CountDownLatch go, List<Event> events) {
        try {
            go.await();
            for (int n = 0; n < steps; n++) {
                record(events, "step " + n);
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            // Being interrupted is a request to stop: restore the flag and end the loop.
            Thread.currentThread().interrupt();
        }
    }
    // end::idiom[]

    private static void record(List<Event> events, String what) {
        log.info(what);
        events.add(new Event(Thread.currentThread().getName(), what));
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("main runs in the thread named '{}' (Python calls it MainThread)", Thread.currentThread().getName());

        run(Thread.ofPlatform().name("loop_thread"), 5, Duration.ofMillis(300));

        // The same target on a virtual thread: one builder call differs, the body does not.
        Outcome virtual = run(Thread.ofVirtual().name("loop_vthread"), 3, Duration.ofMillis(200));
        log.info("virtual: {}, state after join: {}", virtual.virtual(), virtual.stateAfterJoin());
    }
}
