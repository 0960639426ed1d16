package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.BlockingThread;
import cookbook.threads.ThreadFromFunction.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadFromFunctionTest {
    private static final Duration PAUSE = Duration.ofMillis(20);

    @Test
    @DisplayName("THR-01: the target runs on the named thread, start() returns at once, join() waits for the end")
    void targetRunsOnNamedThreadAndJoinWaits() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        var outcome = ThreadFromFunction.run(Thread.ofPlatform().name("loop_thread"), 5, PAUSE);

        assertEquals(List.of(
                new Event(caller, "start() returned; main carries on while the loop runs"),
                new Event("loop_thread", "step 0"),
                new Event("loop_thread", "step 1"),
                new Event("loop_thread", "step 2"),
                new Event("loop_thread", "step 3"),
                new Event("loop_thread", "step 4"),
                new Event(caller, "join() returned; the loop has finished")), outcome.events());
        assertEquals(Thread.State.TERMINATED, outcome.stateAfterJoin());
        assertFalse(outcome.virtual());
    }

    @Test
    @DisplayName("THR-01: five steps of d take at least 5d, because join() waits for all of them")
    void joinWaitsForEveryStep() throws InterruptedException {
        var outcome = ThreadFromFunction.run(Thread.ofPlatform().name("loop_thread"), 5, PAUSE);

        // Lower bound strictly (sleep never returns early); the upper bound only with wide slack.
        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(5)) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(PAUSE.multipliedBy(5).plusSeconds(5)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("THR-01: the same target runs unchanged on a virtual thread built by Thread.ofVirtual()")
    void sameTargetOnAVirtualThread() throws InterruptedException {
        var outcome = ThreadFromFunction.run(Thread.ofVirtual().name("loop_vthread"), 3, PAUSE);

        assertTrue(outcome.virtual());
        assertEquals(List.of("step 0", "step 1", "step 2"), outcome.events().stream()
                .filter(e -> e.thread().equals("loop_vthread")).map(Event::what).toList());
        assertEquals(Thread.State.TERMINATED, outcome.stateAfterJoin());
    }

    @Test
    @DisplayName("THR-01: the loop's first step waits until main has carried on, so the story reads the same on every run")
    void firstStepWaitsForMain() {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var mainCarriedOn = new CountDownLatch(1);

        try (var looper = BlockingThread.start("loop_thread", () -> ThreadFromFunction.loop(2, PAUSE, mainCarriedOn, events))) {
            looper.awaitWaiting();
            assertEquals(List.of(), events, "held back until main says so");

            mainCarriedOn.countDown();
            assertNull(looper.awaitEnd());
        }
        assertEquals(List.of(new Event("loop_thread", "step 0"), new Event("loop_thread", "step 1")), events);
    }

    @Test
    @DisplayName("THR-01: interrupting the loop ends it during its pause, with the interrupt flag restored")
    void interruptEndsTheLoop() {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var flagRestored = new AtomicBoolean();

        try (var looper = BlockingThread.start("loop_thread", () -> {
            ThreadFromFunction.loop(5, Duration.ofMinutes(1), new CountDownLatch(0), events);
            flagRestored.set(Thread.currentThread().isInterrupted());
        })) {
            looper.awaitParked();
        }
        // close() interrupted the minute-long pause and joined the thread.
        assertEquals(List.of(new Event("loop_thread", "step 0")), events);
        assertTrue(flagRestored.get(), "the loop restores the interrupt flag instead of swallowing it");
    }
}
