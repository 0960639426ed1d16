package cookbook.locks;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.ClassVsInstanceLock.ClassLockWidget;
import cookbook.locks.ClassVsInstanceLock.WrongLockWidget;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClassVsInstanceLockTest {

    @Test
    @DisplayName("LCK-12: a static counter under synchronized(this) loses a count: both constructors are inside at once")
    void instanceLockOnStaticDataLoses() {
        long before = WrongLockWidget.created();
        var window = new CountingWindow();
        // The window opens only when both threads have read inside their synchronized(this)
        // blocks, which is itself the proof that two different objects' locks did not exclude.
        window.runAll("builder-", List.of(() -> new WrongLockWidget(window), () -> new WrongLockWidget(window)));
        assertEquals(1, WrongLockWidget.created() - before, "two objects built, one counted");
        assertEquals(2, window.passes());
    }

    @Test
    @DisplayName("LCK-12: under the class lock the same forcing counts both; the instance lock counts one object's uses exactly")
    void classLockCountsEveryInstance() {
        long before = ClassLockWidget.created();
        var window = new CountingWindow();
        window.runAll("builder-", List.of(() -> new ClassLockWidget(window), () -> new ClassLockWidget(window)));
        assertEquals(2, ClassLockWidget.created() - before);
        assertEquals(2, window.passes());

        var widget = new ClassLockWidget();
        var sameForcing = new CountingWindow();
        sameForcing.runAll("user-", List.of(() -> widget.use(sameForcing), () -> widget.use(sameForcing)));
        assertEquals(2, widget.uses());
        assertEquals(2, sameForcing.passes());
        widget.use();
        assertEquals(3, widget.uses());
        assertEquals(before + 3, ClassLockWidget.created(), "the plain constructor counts too");
    }

    @Test
    @DisplayName("LCK-12: main's run: 4 threads x 1,000 new widgets under the class lock count 4,000")
    void classLockCountsEveryConstruction() throws InterruptedException {
        long before = ClassLockWidget.created();
        ClassVsInstanceLock.onThreads(4, 1_000, i -> new ClassLockWidget());
        assertEquals(4_000, ClassLockWidget.created() - before);
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
        var widget = new ClassLockWidget();
        try (var holder = BlockingThread.start("holder", () -> new ClassLockWidget(holdTheLock))) {
            inside.await();
            // An existing widget's own lock is free while the class lock is held.
            OtherThread.assertGoesStraightThrough("user", widget::use);
            assertEquals(1, widget.uses());
            // A new widget needs the class lock to count itself: it waits for the holder.
            try (var second = BlockingThread.start("second", ClassLockWidget::new)) {
                second.awaitBlocked();
                letGo.countDown();
                assertNull(second.awaitEnd());
            }
            assertNull(holder.awaitEnd());
        }
    }
}
