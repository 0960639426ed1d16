package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class VanishingExceptionsTest {

    @Test
    @DisplayName("POOL-08: submit() captures a task's exception in the Future: the worker lives on, no handler runs, get() throws it as ExecutionException")
    void submitCapturesInFuture() throws InterruptedException {
        var outcome = VanishingExceptions.submitHidesException();

        // The same thread ran the next task: the exception never left the task, so the thread
        // never died of it, and a handler is only called for a thread that dies of one.
        assertSame(outcome.failedOn(), outcome.nextTaskOn());
        assertEquals(0, outcome.handlerCalls());
        assertEquals(Future.State.FAILED, outcome.state());
        var cause = assertInstanceOf(IllegalStateException.class, outcome.exceptionNow());
        assertEquals("task failed inside submit()", cause.getMessage());
        var thrown = assertInstanceOf(ExecutionException.class, outcome.thrownByGet());
        assertSame(cause, thrown.getCause());
    }

    @Test
    @DisplayName("POOL-08: execute() lets a task's exception end the worker thread and reach that thread's uncaught-exception handler; a new thread runs the next task")
    void executeReachesHandler() throws InterruptedException {
        var outcome = VanishingExceptions.executeReachesHandler(Duration.ofSeconds(10));

        assertSame(outcome.failedOn(), outcome.reportedFor());
        var received = assertInstanceOf(IllegalStateException.class, outcome.received());
        assertEquals("task failed inside execute()", received.getMessage());
        assertNotSame(outcome.failedOn(), outcome.nextTaskOn());
    }

    @Test
    @DisplayName("POOL-08: CompletableFuture exceptionally and handle turn the failure into a value; exceptionally sees it wrapped in a CompletionException")
    void completableFutureRecovers() {
        var recovered = VanishingExceptions.completableFutureRecovers();

        assertEquals(-1, recovered.byExceptionally());
        assertEquals("failed: task failed inside supplyAsync()", recovered.byHandle());
        var wrapper = assertInstanceOf(CompletionException.class, recovered.seenByExceptionally());
        assertEquals("task failed inside supplyAsync()",
                assertInstanceOf(IllegalStateException.class, wrapper.getCause()).getMessage());
    }
}
