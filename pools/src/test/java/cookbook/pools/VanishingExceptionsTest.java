package cookbook.pools;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class VanishingExceptionsTest {

    @Test
    @DisplayName("POOL-08: an exception in a submit() task reaches no handler; get() throws it as ExecutionException")
    void submitHidesUntilGet() throws InterruptedException {
        var outcome = VanishingExceptions.submitHidesException();

        assertEquals(0, outcome.handlerCalls());
        assertEquals(Future.State.FAILED, outcome.state());
        assertInstanceOf(IllegalStateException.class, outcome.exceptionNow());
        var thrown = assertInstanceOf(ExecutionException.class, outcome.thrownByGet());
        assertEquals(outcome.exceptionNow(), thrown.getCause());
    }

    @Test
    @DisplayName("POOL-08: an exception in an execute() task reaches the worker's uncaught-exception handler")
    void executeReachesHandler() throws InterruptedException {
        var outcome = VanishingExceptions.executeReachesHandler(Duration.ofSeconds(10));

        assertEquals("worker-0", outcome.thread());
        var received = assertInstanceOf(IllegalStateException.class, outcome.received());
        assertEquals("task failed inside execute()", received.getMessage());
    }

    @Test
    @DisplayName("POOL-08: CompletableFuture exceptionally and handle turn the failure into a value")
    void completableFutureRecovers() {
        var recovered = VanishingExceptions.completableFutureRecovers();

        assertEquals(-1, recovered.byExceptionally());
        assertEquals("failed: task failed inside supplyAsync()", recovered.byHandle());
        assertInstanceOf(IllegalStateException.class, recovered.cause());
    }
}
