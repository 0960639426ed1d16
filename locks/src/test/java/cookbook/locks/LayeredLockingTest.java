package cookbook.locks;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.LayeredLocking.Service;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredLockingTest {

    @Test
    @DisplayName("LCK-05: with ReentrantLock, process() calling func() under the same lock completes, func() ran once")
    void reentrantLayersComplete() throws InterruptedException {
        var service = new Service(LayeredLocking.reentrant());
        service.process();
        assertEquals(1, service.funcRuns());
        service.run();
        assertEquals(2, service.funcRuns());
        assertTrue(service.lockIsFree(Duration.ZERO), "every lock() was matched by an unlock()");
    }

    @Test
    @DisplayName("LCK-05: with a non-reentrant Semaphore lock, process() parks inside itself until interrupted")
    void nonReentrantLayersDeadlock() throws InterruptedException {
        var service = new Service(LayeredLocking.nonReentrant());
        Thread caller = Thread.ofPlatform().name("programmer-C").daemon(true).start(() -> {
            try {
                service.process();
            } catch (InterruptedException e) {
                // expected: the test frees it
            }
        });
        try {
            ThreadStateProbe.awaitWaiting(caller);
            assertFalse(service.lockIsFree(Duration.ofMillis(200)), "process() still holds its own lock");
            assertEquals(Thread.State.WAITING, caller.getState());
        } finally {
            caller.interrupt();
            assertTrue(caller.join(Duration.ofSeconds(10)));
        }
        assertEquals(0, service.funcRuns(), "func()'s body never ran");
        assertTrue(service.lockIsFree(Duration.ZERO), "process()'s finally released the lock");
    }
}
