package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-03. Python original: two threads each deposit n into a shared balance, sleep, withdraw
 * n again and print the balance, which without a lock shows the other thread's money.
 *
 * <p>{@code change(n)} should leave the balance where it found it. Without a lock the other
 * thread's deposit and withdrawal land in the middle of ours: a thread sees a balance that is
 * not "what was there plus my n". The {@code window} runs where the seed sleeps: between
 * reading the balance and writing the deposit, and after the deposit, so a test can make
 * both threads pass each point together. Fixed by one lock around the whole change:
 * {@code synchronized} or a {@link ReentrantLock} with try/finally.
 */
public final class BankBalance {
    private static final Logger log = LoggerFactory.getLogger(BankBalance.class);
    private static final Runnable NO_WINDOW = () -> { };

    /** What one change saw: the balance before, in the middle (after our deposit) and after. */
    public record Step(String thread, long n, long before, long middle, long after) {
        /** True when nobody else's money showed up during our change. */
        public boolean undisturbed() {
            return middle == before + n && after == before;
        }
    }

    /** All changes, in the order they finished, and the balance at the end. */
    public record Outcome(List<Step> steps, long finalBalance) {
    }

    /** Broken: the deposit and the withdrawal are each a read and a write, and nothing stops the other thread. */
    public static class UnsafeAccount implements Account {
        private long balance;

        @Override
        public Step change(long n, Duration pause, Runnable window) {
            long before = balance;
            window.run();
            balance = before + n;
            // The seed's sleep: the other thread runs here and sees our deposit as its own.
            pause(pause);
            window.run();
            long middle = balance;
            balance = middle - n;
            return new Step(Thread.currentThread().getName(), n, before, middle, balance);
        }

        @Override
        public long balance() {
            return balance;
        }
    }

    /** Fixed with the object's monitor around the whole change, sleep included. */
    public static final class SynchronizedAccount extends UnsafeAccount {
        @Override
        public synchronized Step change(long n, Duration pause, Runnable window) {
            return super.change(n, pause, window);
        }

        @Override
        public synchronized long balance() {
            return super.balance();
        }
    }

    // tag::idiom[]
    /** A shared balance; {@code change} deposits n, pauses, and withdraws n. */
    public interface Account {
        default Step change(long n, Duration pause) {
            return change(n, pause, NO_WINDOW);
        }

        /** The same change, with a test seam before the deposit and before the withdrawal. */
        Step change(long n, Duration pause, Runnable window);

        long balance();
    }

    /** Fixed with a ReentrantLock around the whole change: lock(), then try/finally. */
    public static final class LockedAccount extends UnsafeAccount {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public Step change(long n, Duration pause, Runnable window) {
            lock.lock();
            try {
                return super.change(n, pause, window);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long balance() {
            lock.lock();
            try {
                return super.balance();
            } finally {
                lock.unlock();
            }
        }
    }
    // end::idiom[]

    private BankBalance() {
    }

    /** The seed's run: "thread1" changes by 5 and "thread2" by 8, {@code iterations} times each. */
    public static Outcome run(Account account, int iterations, Duration pause) throws InterruptedException {
        List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        var threads = new ArrayList<Thread>();
        for (long n : new long[] {5, 8}) {
            threads.add(Thread.ofPlatform().name("thread" + (threads.size() + 1)).start(() -> {
                for (int i = 0; i < iterations; i++) {
                    steps.add(account.change(n, pause));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Outcome(List.copyOf(steps), account.balance());
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        for (Account account : List.of(new UnsafeAccount(), new SynchronizedAccount(), new LockedAccount())) {
            Outcome outcome = run(account, 5, Duration.ofMillis(50));
            for (Step s : outcome.steps()) {
                log.info("{} {} n={} balance in the middle={} after={}", account.getClass().getSimpleName(),
                        s.thread(), s.n(), s.middle(), s.after());
            }
            log.info("{}: final balance {}", account.getClass().getSimpleName(), outcome.finalBalance());
        }
    }
}
