package cookbook.threads;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.ThreadSubclass.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
