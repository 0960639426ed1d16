package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.ThreadStateProbe;
import cookbook.threads.ThreadSubclass.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadSubclassTest {
    private static final Duration PAUSE = Duration.ofMillis(5);

    @Test
    @DisplayName("THR-02: start() runs the overridden run() on the named thread; join() leaves it TERMINATED")
    void startRunsOnTheSubclassThread() throws InterruptedException {
        var outcome = ThreadSubclass.startAndJoin("loop_thread_oop", 5, PAUSE);

        assertEquals(List.of(
                new Event("loop_thread_oop", "step 0"),
                new Event("loop_thread_oop", "step 1"),
                new Event("loop_thread_oop", "step 2"),
                new Event("loop_thread_oop", "step 3"),
                new Event("loop_thread_oop", "step 4")), outcome.events());
        assertEquals(Thread.State.TERMINATED, outcome.stateAfterwards());
    }

    @Test
    @DisplayName("THR-02: calling run() directly runs the loop in the caller and never starts the thread")
    void runDirectlyRunsInTheCaller() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        var outcome = ThreadSubclass.callRunDirectly("never_started", 3, PAUSE);

        assertEquals(List.of(
                new Event(caller, "step 0"),
                new Event(caller, "step 1"),
                new Event(caller, "step 2")), outcome.events());
        assertEquals(Thread.State.NEW, outcome.stateAfterwards());
    }

    @Test
    @DisplayName("THR-02: interrupting the subclass thread ends its loop during a pause, with the interrupt flag restored")
    void interruptEndsTheLoop() throws InterruptedException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var thread = new ThreadSubclass.LoopThread("loop_thread_oop", 5, Duration.ofMinutes(1), events);

        thread.start();
        ThreadStateProbe.awaitState(thread, Thread.State.TIMED_WAITING);
        thread.interrupt();
        thread.join();

        assertEquals(List.of(new Event("loop_thread_oop", "step 0")), events);
        // The flag outlives the thread: run() restored it instead of swallowing the interrupt.
        assertTrue(thread.isInterrupted());
    }
}
