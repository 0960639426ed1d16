package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.LayeredLocking.Mutex;
import cookbook.locks.LayeredLocking.Service;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredLockingTest {

    @Test
    @DisplayName("LCK-05: with ReentrantLock, process() calling func() under the same lock completes, func() ran once")
    void reentrantLayersComplete() throws InterruptedException {
        var service = new Service(LayeredLocking.reentrant());
        // The programmers call from their own threads, and the test checks from another one:
        // a reentrant lock left held would let its owner back in, but nobody else.
        OtherThread.assertGoesStraightThrough("programmer-C", service::process);
        assertEquals(1, service.funcRuns());
        OtherThread.assertGoesStraightThrough("programmer-B", service::run);
        assertEquals(2, service.funcRuns());
        assertTrue(service.lockIsFree(Duration.ZERO), "every lock() was matched by an unlock()");
        OtherThread.assertGoesStraightThrough("programmer-A", service::func);
        assertEquals(3, service.funcRuns(), "funcRuns() and lockIsFree() let go of the lock too");
    }

    @Test
    @DisplayName("LCK-05: either lock keeps other threads out while one thread holds it")
    void bothMutexesExclude() throws InterruptedException {
        for (Supplier<Mutex> kind : List.<Supplier<Mutex>>of(LayeredLocking::reentrant, LayeredLocking::nonReentrant)) {
            var mutex = kind.get();
            var service = new Service(mutex);
            var held = new CountDownLatch(1);
            try (var holder = BlockingThread.start("holder", () -> {
                mutex.lock();
                try {
                    held.countDown();
                    new CountDownLatch(1).await();
                } finally {
                    mutex.unlock();
                }
            })) {
                held.await();
                assertFalse(service.lockIsFree(Duration.ZERO), "held by another thread");
            }
            assertTrue(service.lockIsFree(Duration.ZERO), "the holder's finally released it");
        }
    }

    @Test
    @DisplayName("LCK-05: with a non-reentrant Semaphore lock, process() parks inside itself until interrupted")
    void nonReentrantLayersDeadlock() throws InterruptedException {
        var service = new Service(LayeredLocking.nonReentrant());
        try (var caller = BlockingThread.start("programmer-C", service::process)) {
            caller.awaitWaiting();
            assertFalse(service.lockIsFree(Duration.ofMillis(200)), "process() still holds its own lock");
            assertEquals(Thread.State.WAITING, caller.thread().getState());
            caller.thread().interrupt();
            assertInstanceOf(InterruptedException.class, caller.awaitEnd());
        }
        assertEquals(0, service.funcRuns(), "func()'s body never ran");
        assertTrue(service.lockIsFree(Duration.ZERO), "process()'s finally released the lock");
    }
}
