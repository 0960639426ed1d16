package cookbook.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import com.google.common.util.concurrent.CycleDetectingLockFactory.PotentialDeadlockException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-06. Python original: task1 takes lock_1 then lock_2, task2 takes lock_2 then lock_1,
 * each sleeping in between, and the program prints 1, 2 and hangs forever.
 *
 * <p>The broken version replaces the seed's sleep with a {@link CyclicBarrier}: both tasks
 * hold their first lock before either asks for its second, so the deadlock happens on every
 * run, not most runs. Locks are taken with {@code lockInterruptibly()} so the deadlock can be
 * broken by interrupting; {@code ThreadMXBean.findDeadlockedThreads()} sees the cycle.
 *
 * <p>Three fixes: one global lock order; {@code tryLock} with a timeout, release and back-off;
 * Guava's {@link CycleDetectingLockFactory}, which throws on the first acquisition in the
 * wrong order instead of waiting for the unlucky interleaving.
 */
public final class LockOrderingDeadlock {
    private static final Logger log = LoggerFactory.getLogger(LockOrderingDeadlock.class);

    /** The two running tasks and what they printed; closing interrupts and joins them. */
    public record Running(List<Thread> threads, List<String> printed) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** What a fixed version printed, and how many times a task had to back off and retry. */
    public record Outcome(List<String> printed, int retries) {
    }

    private LockOrderingDeadlock() {
    }

    /** Broken: opposite lock order, both first locks held before either second is requested. */
    public static Running startOppositeOrder() {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        var bothHoldOne = new CyclicBarrier(2);
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        var builder = Thread.ofPlatform().daemon(true);
        Thread task1 = builder.name("task1").start(() -> nested("1", lock1, lock2, bothHoldOne, printed));
        Thread task2 = builder.name("task2").start(() -> nested("2", lock2, lock1, bothHoldOne, printed));
        return new Running(List.of(task1, task2), printed);
    }

    /** The seed's task: first lock, print d, (barrier), second lock, print dd, ddd, dddd. */
    private static void nested(String d, Lock first, Lock second, CyclicBarrier bothHoldOne, List<String> printed) {
        try {
            first.lockInterruptibly();
            try {
                printed.add(d);
                if (bothHoldOne != null) {
                    bothHoldOne.await();
                }
                second.lockInterruptibly();
                try {
                    printed.add(d.repeat(2));
                } finally {
                    second.unlock();
                }
                printed.add(d.repeat(3));
            } finally {
                first.unlock();
            }
            printed.add(d.repeat(4));
        } catch (InterruptedException | BrokenBarrierException e) {
            log.info("{} interrupted while waiting: the deadlock is broken", Thread.currentThread().getName());
        }
    }

    /** Fix (a): every task takes the locks in one global order, whatever order it "wants". */
    public static Outcome orderedLocks() throws InterruptedException {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        var builder = Thread.ofPlatform().daemon(true);
        // task2 would like lock2 first; the rule "lock1 before lock2" overrides it, so no
        // thread can ever hold lock2 while waiting for lock1, and a cycle is impossible.
        Thread task1 = builder.name("task1").start(() -> nested("1", lock1, lock2, null, printed));
        Thread task2 = builder.name("task2").start(() -> nested("2", lock1, lock2, null, printed));
        task1.join();
        task2.join();
        return new Outcome(List.copyOf(printed), 0);
    }

    /**
     * Fix (b): keep the opposite order and the barrier, but ask for the second lock with a
     * timeout. A task that times out lets go of its first lock, backs off for a random while
     * and starts over, so the other task can finish.
     */
    public static Outcome tryLockWithBackoff(Duration timeout) throws InterruptedException {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        var bothHoldOne = new CyclicBarrier(2);
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        int[] retries = new int[2];
        var builder = Thread.ofPlatform().daemon(true);
        Thread task1 = builder.name("task1").start(() -> retrying("1", lock1, lock2, bothHoldOne, timeout, printed, retries));
        Thread task2 = builder.name("task2").start(() -> retrying("2", lock2, lock1, bothHoldOne, timeout, printed, retries));
        task1.join();
        task2.join();
        return new Outcome(List.copyOf(printed), retries[0] + retries[1]);
    }

    private static void retrying(String d, Lock first, Lock second, CyclicBarrier bothHoldOne, Duration timeout,
            List<String> printed, int[] retries) {
        int me = Integer.parseInt(d) - 1;
        try {
            for (int attempt = 0; ; attempt++) {
                first.lockInterruptibly();
                try {
                    if (attempt == 0) {
                        printed.add(d);
                        // Only the first attempt waits at the barrier: it sets up the deadlock.
                        bothHoldOne.await();
                    }
                    if (second.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                        try {
                            printed.add(d.repeat(2));
                        } finally {
                            second.unlock();
                        }
                        printed.add(d.repeat(3));
                        break;
                    }
                    retries[me]++;
                } finally {
                    first.unlock();
                }
                // Random back-off, different per task, so the two do not retry in lock-step.
                Thread.sleep(timeout.multipliedBy(me + 1).plusNanos(
                        ThreadLocalRandom.current().nextLong(timeout.toNanos() + 1)));
            }
            printed.add(d.repeat(4));
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Fix (c): Guava's cycle-detecting locks remember the order locks were taken in. task1
     * takes lock_1 then lock_2; when task2 later takes lock_2 then asks for lock_1, Guava
     * throws at once: no second thread has to be unlucky for the bug to show.
     */
    public static Outcome cycleDetecting() throws InterruptedException {
        var factory = CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.THROW);
        ReentrantLock lock1 = factory.newReentrantLock("lock_1");
        ReentrantLock lock2 = factory.newReentrantLock("lock_2");
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        var builder = Thread.ofPlatform().daemon(true);
        Thread task1 = builder.name("task1").start(() -> nested("1", lock1, lock2, null, printed));
        task1.join();
        Thread task2 = builder.name("task2").start(() -> {
            try {
                nested("2", lock2, lock1, null, printed);
            } catch (PotentialDeadlockException e) {
                printed.add(e.getClass().getSimpleName());
                log.info("Guava: {}", e.getMessage().lines().findFirst().orElse(""));
            }
        });
        task2.join();
        return new Outcome(List.copyOf(printed), 0);
    }

    public static void main(String[] args) throws Exception {
        try (Running broken = startOppositeOrder()) {
            var mx = ManagementFactory.getThreadMXBean();
            long[] ids;
            while ((ids = mx.findDeadlockedThreads()) == null) {
                // Polling is what a monitoring tool does too: there is no "deadlock happened" event.
                Thread.sleep(10);
            }
            log.info("printed {} and stopped; ThreadMXBean reports deadlocked: {}", broken.printed(),
                    Arrays.stream(mx.getThreadInfo(ids)).map(ThreadInfo::getThreadName).toList());
        }
        log.info("fix (a) one global order: {}", orderedLocks());
        log.info("fix (b) tryLock and back-off: {}", tryLockWithBackoff(Duration.ofMillis(100)));
        log.info("fix (c) Guava cycle detection: {}", cycleDetecting());
    }
}
