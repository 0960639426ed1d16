package cookbook.locks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.BankBalance.Account;
import cookbook.locks.BankBalance.Step;
import cookbook.testsupport.RaceWindow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankBalanceTest {
    private static final Duration PAUSE = Duration.ofMillis(5);

    /** thread1 changes by 5, thread2 by 8, both forced to pass each window point together. */
    private static List<Step> forcedChanges(Account account) {
        var window = new RaceWindow();
        var steps = new CopyOnWriteArrayList<Step>();
        window.runAll("thread", List.of(() -> steps.add(account.change(5, PAUSE, window)),
                () -> steps.add(account.change(8, PAUSE, window))));
        return steps;
    }

    @RepeatedTest(3)
    @DisplayName("LCK-03: without a lock both threads read the same balance and one sees the other's deposit")
    void unsafeAccountLetsTheOtherThreadIn() {
        List<Step> steps = forcedChanges(new BankBalance.UnsafeAccount());

        assertEquals(2, steps.size());
        assertTrue(steps.stream().allMatch(s -> s.before() == 0), "both read 0 before either deposited: " + steps);
        // Both deposits were written over the same 0, so one is lost. The thread whose deposit
        // was overwritten finds, in the middle of its change, the other's 5 or 8 (or the 0 left
        // by the other's withdrawal), never its own n: the seed's "thread2 n=8 balance=5".
        assertTrue(steps.stream().anyMatch(s -> !s.undisturbed()), "someone must see foreign money: " + steps);
    }

    @RepeatedTest(3)
    @DisplayName("LCK-03: synchronized and ReentrantLock keep every change undisturbed and the balance at 0")
    void lockedAccountsAreUndisturbed() {
        for (Account account : List.of(new BankBalance.SynchronizedAccount(), new BankBalance.LockedAccount())) {
            List<Step> steps = forcedChanges(account);
            assertTrue(steps.stream().allMatch(Step::undisturbed), account.getClass().getSimpleName() + " " + steps);
            assertEquals(0, account.balance());
        }
    }

    @Test
    @DisplayName("LCK-03: the seed's 5 iterations per thread end at 0 with the lock")
    void seedRunEndsAtZero() throws InterruptedException {
        var outcome = BankBalance.run(new BankBalance.LockedAccount(), 5, Duration.ofMillis(2));
        assertEquals(10, outcome.steps().size());
        assertTrue(outcome.steps().stream().allMatch(Step::undisturbed), outcome.toString());
        assertEquals(0, outcome.finalBalance());
    }
}
