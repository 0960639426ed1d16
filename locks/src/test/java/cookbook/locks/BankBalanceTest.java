package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.BankBalance.Account;
import cookbook.locks.BankBalance.Step;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankBalanceTest {
    private static final Duration PAUSE = Duration.ofMillis(5);

    /** The steps of a forced run, and how many times the changes went through the window. */
    private record Forced(List<Step> steps, int passes) {
    }

    /** thread1 changes by 5, thread2 by 8, both forced to pass each window point together. */
    private static Forced forcedChanges(Account account) {
        var window = new CountingWindow();
        var steps = new CopyOnWriteArrayList<Step>();
        window.runAll("thread", List.of(() -> steps.add(account.change(5, PAUSE, window)),
                () -> steps.add(account.change(8, PAUSE, window))));
        return new Forced(steps, window.passes());
    }

    /**
     * A window that holds its thread at the second pass (after the deposit, before the
     * withdrawal) and reads the balance there, from the changing thread itself.
     */
    private record HoldAfterDeposit(LongSupplier balance, AtomicLong seenInside, AtomicInteger passes,
                                    CountDownLatch held, CountDownLatch letGo) implements Runnable {
        HoldAfterDeposit(LongSupplier balance) {
            this(balance, new AtomicLong(-1), new AtomicInteger(), new CountDownLatch(1), new CountDownLatch(1));
        }

        @Override
        public void run() {
            if (passes.incrementAndGet() == 2) {
                seenInside.set(balance.getAsLong());
                held.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @RepeatedTest(3)
    @DisplayName("LCK-03: without a lock both threads read the same balance and one sees the other's deposit")
    void unsafeAccountLetsTheOtherThreadIn() {
        var run = forcedChanges(new BankBalance.UnsafeAccount());

        assertEquals(2, run.steps().size());
        assertEquals(4, run.passes(), "each change went through both window points");
        assertTrue(run.steps().stream().allMatch(s -> s.before() == 0), "both read 0 before either deposited: " + run);
        // Both deposits were written over the same 0, so one is lost. The thread whose deposit
        // was overwritten finds, in the middle of its change, the other's 5 or 8 (or the 0 left
        // by the other's withdrawal), never its own n: the seed's "thread2 n=8 balance=5".
        assertTrue(run.steps().stream().anyMatch(s -> !s.undisturbed()), "someone must see foreign money: " + run);
    }

    @RepeatedTest(3)
    @DisplayName("LCK-03: synchronized and ReentrantLock keep every change undisturbed and the balance at 0")
    void lockedAccountsAreUndisturbed() {
        for (Account account : List.of(new BankBalance.SynchronizedAccount(), new BankBalance.LockedAccount())) {
            var run = forcedChanges(account);
            String name = account.getClass().getSimpleName();
            assertTrue(run.steps().stream().allMatch(Step::undisturbed), name + " " + run);
            assertEquals(4, run.passes(), name);
            assertEquals(0, account.balance());
        }
    }

    @Test
    @DisplayName("LCK-03: without a lock another thread reads the half-done change: the deposit is still in")
    void unsafeBalanceShowsTheHalfDoneChange() throws InterruptedException {
        var account = new BankBalance.UnsafeAccount();
        var hold = new HoldAfterDeposit(account::balance);
        try (var changer = BlockingThread.start("thread1", () -> account.change(5, Duration.ZERO, hold))) {
            hold.held().await();
            assertEquals(5, account.balance(), "another thread sees money that is about to leave");
            hold.letGo().countDown();
            assertNull(changer.awaitEnd());
        }
        assertEquals(0, account.balance());
    }

    @Test
    @DisplayName("LCK-03: with the lock, balance() waits for a change in progress; only the changing thread sees its deposit")
    void lockedBalanceWaitsForTheChange() throws InterruptedException {
        for (Account account : List.of(new BankBalance.SynchronizedAccount(), new BankBalance.LockedAccount())) {
            String name = account.getClass().getSimpleName();
            var hold = new HoldAfterDeposit(account::balance);
            var read = new AtomicLong(-1);
            try (var changer = BlockingThread.start("thread1", () -> account.change(5, Duration.ZERO, hold))) {
                hold.held().await();
                // Both locks are reentrant: inside its own change the thread reads its own deposit.
                assertEquals(5, hold.seenInside().get(), name);
                try (var reader = BlockingThread.start("reader", () -> read.set(account.balance()))) {
                    OtherThread.assertParks(reader);
                    hold.letGo().countDown();
                    assertNull(reader.awaitEnd());
                }
                assertNull(changer.awaitEnd());
            }
            assertEquals(0, read.get(), name + ": the reader saw the finished change");
            OtherThread.assertGoesStraightThrough("thread2", () -> account.change(8, Duration.ZERO));
        }
    }

    @Test
    @DisplayName("LCK-03: the seed's run: thread1 changes by 5, thread2 by 8, 5 times each, ending at 0 with the lock")
    void seedRunEndsAtZero() throws InterruptedException {
        var outcome = BankBalance.run(new BankBalance.LockedAccount(), 5, Duration.ofMillis(2));
        assertEquals(10, outcome.steps().size());
        Map<String, List<Long>> byThread = outcome.steps().stream()
                .collect(Collectors.groupingBy(Step::thread, Collectors.mapping(Step::n, Collectors.toList())));
        assertEquals(Map.of("thread1", List.of(5L, 5L, 5L, 5L, 5L), "thread2", List.of(8L, 8L, 8L, 8L, 8L)), byThread);
        assertTrue(outcome.steps().stream().allMatch(Step::undisturbed), outcome.toString());
        assertEquals(0, outcome.finalBalance());
    }
}
