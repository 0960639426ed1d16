package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.ClassVsInstanceLock.ClassLockWidget;
import cookbook.locks.ClassVsInstanceLock.WrongLockWidget;
import cookbook.testsupport.ThreadStateProbe;
import cookbook.testsupport.RaceWindow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassVsInstanceLockTest {

    @Test
    @DisplayName("LCK-12: a static counter under synchronized(this) loses a count: both constructors are inside at once")
    void instanceLockOnStaticDataLoses() {
        long before = WrongLockWidget.created();
        var window = new RaceWindow();
        // The window opens only when both threads have read inside their synchronized(this)
        // blocks, which is itself the proof that two different objects' locks did not exclude.
        window.runAll("builder-", List.of(() -> new WrongLockWidget(window), () -> new WrongLockWidget(window)));
        assertEquals(1, WrongLockWidget.created() - before, "two objects built, one counted");
    }

    @Test
    @DisplayName("LCK-12: under the class lock the same forcing counts both; the instance lock counts one object's uses exactly")
    void classLockCountsEveryInstance() {
        long before = ClassLockWidget.created();
        var window = new RaceWindow();
        window.runAll("builder-", List.of(() -> new ClassLockWidget(window), () -> new ClassLockWidget(window)));
        assertEquals(2, ClassLockWidget.created() - before);

        var widget = new ClassLockWidget(() -> { });
        var sameForcing = new RaceWindow();
        sameForcing.runAll("user-", List.of(() -> widget.use(sameForcing), () -> widget.use(sameForcing)));
        assertEquals(2, widget.uses());
    }

    @Test
    @DisplayName("LCK-12: while one thread holds the class lock, another constructor is BLOCKED but other instances' locks are free")
    void classLockBlocksOnlyClassLevelWork() throws InterruptedException {
        var inside = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        Runnable holdTheLock = () -> {
            inside.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        var widget = new ClassLockWidget(() -> { });
        var threads = Thread.ofPlatform().daemon(true);
        Thread holder = threads.name("holder").start(() -> new ClassLockWidget(holdTheLock));
        Thread second = null;
        try {
            inside.await();
            // An existing widget's own lock is free while the class lock is held.
            Thread user = threads.name("user").start(() -> widget.use(() -> { }));
            assertTrue(user.join(Duration.ofSeconds(10)), "use() needs only the instance lock");
            assertEquals(1, widget.uses());
            // A new widget needs the class lock to count itself: it waits for the holder.
            second = threads.name("second").start(() -> new ClassLockWidget(() -> { }));
            ThreadStateProbe.awaitBlocked(second);
        } finally {
            letGo.countDown();
            assertTrue(holder.join(Duration.ofSeconds(10)));
            if (second != null) {
                assertTrue(second.join(Duration.ofSeconds(10)));
            }
        }
    }
}
