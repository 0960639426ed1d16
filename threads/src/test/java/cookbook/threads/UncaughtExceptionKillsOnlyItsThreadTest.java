package cookbook.threads;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.UncaughtExceptionKillsOnlyItsThread.Handover;
import cookbook.threads.UncaughtExceptionKillsOnlyItsThread.Outcome;
import cookbook.threads.UncaughtExceptionKillsOnlyItsThread.PoolOutcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class UncaughtExceptionKillsOnlyItsThreadTest {

    @Test
    @DisplayName("THR-09: an uncaught exception ends only its thread: TERMINATED, the handler gets it on that thread, a later thread runs fine")
    void exceptionKillsOnlyItsThread() throws Exception {
        assertEquals(new Outcome(Thread.State.TERMINATED, "failing-worker", "failing-worker",
                        "boom in failing-worker", "later-worker finished"),
                UncaughtExceptionKillsOnlyItsThread.run());
    }

    @Test
    @DisplayName("THR-09: a task passed to execute() that throws kills its pool worker, reaches the handler, and a new worker runs the next task")
    void executeReachesTheHandler() throws Exception {
        assertEquals(new PoolOutcome(Handover.EXECUTE, List.of("pool-worker-0: boom in a pooled task"), null, true),
                UncaughtExceptionKillsOnlyItsThread.failInPool(Handover.EXECUTE));
    }

    @Test
    @DisplayName("THR-09: a task passed to submit() that throws leaves its exception in the Future: the handler never sees it, the worker lives on")
    void submitKeepsItInTheFuture() throws Exception {
        assertEquals(new PoolOutcome(Handover.SUBMIT, List.of(), "boom in a pooled task", false),
                UncaughtExceptionKillsOnlyItsThread.failInPool(Handover.SUBMIT));
    }

    @Test
    @DisplayName("THR-09: an OutOfMemoryError ends only the thread that hit it; the JVM runs on and exits normally")
    void outOfMemoryEndsOnlyItsThread() throws Exception {
        var run = UncaughtExceptionKillsOnlyItsThread.outOfMemoryInChildJvm(false);

        assertEquals(List.of("memory-hog is TERMINATED", "main carries on"), run.output(), "stderr " + run.errors());
        assertEquals(0, run.exitCode(), "stderr " + run.errors());
    }

    @Test
    @DisplayName("THR-09: with -XX:+ExitOnOutOfMemoryError the same OutOfMemoryError ends the whole JVM, exit code 3")
    void exitOnOutOfMemoryEndsTheJvm() throws Exception {
        var run = UncaughtExceptionKillsOnlyItsThread.outOfMemoryInChildJvm(true);

        assertEquals(3, run.exitCode(), "output " + run.output());
        assertFalse(run.output().contains("main carries on"), "output " + run.output());
    }
}
