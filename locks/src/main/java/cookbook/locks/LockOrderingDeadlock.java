package cookbook.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import com.google.common.util.concurrent.CycleDetectingLockFactory.PotentialDeadlockException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-06. Python original: task1 takes lock_1 then lock_2, task2 takes lock_2 then lock_1,
 * each sleeping in between, and the program prints 1, 2 and hangs forever.
 *
 * <p>The seed's sleep becomes a rendezvous ({@link FirstLockHeld}): after its first lock a task
 * waits until the other task holds its own first lock, or waits for this one. In the opposite
 * order both hold one lock before either asks for its second, so the deadlock happens on every
 * run, not most runs. Locks are taken with {@code lockInterruptibly()} so the deadlock can be
 * broken by interrupting; {@code ThreadMXBean.findDeadlockedThreads()} sees the cycle.
 *
 * <p>Three fixes, each through the same rendezvous: one global lock order (the second task
 * then waits for lock 1 holding nothing); {@code tryLock} with a timeout, release and back-off;
 * Guava's {@link CycleDetectingLockFactory}, which throws on the first acquisition in the
 * wrong order instead of waiting for the unlucky interleaving.
 */
public final class LockOrderingDeadlock {
    private static final Logger log = LoggerFactory.getLogger(LockOrderingDeadlock.class);

    /**
     * One back-off: which task gave up its first lock, the pause it drew, and how long it
     * actually held no lock before it took its first lock again.
     */
    public record BackOff(String task, Duration pause, Duration keptOff) {
        @Override
        public String toString() {
            return task + " backed off " + pause.toMillis() + " ms, held nothing for " + keptOff.toMillis() + " ms";
        }
    }

    /** What the tasks printed, in order, and every back-off they took. */
    public record Outcome(List<String> printed, List<BackOff> backOffs) {
    }

    /** Running tasks and what they print; {@link #await()} waits for them, {@link #close()} interrupts and joins them. */
    public record Tasks(List<Thread> threads, List<String> printed, List<BackOff> backOffs) implements AutoCloseable {
        @Override
        public List<String> printed() {
            return List.copyOf(printed);
        }

        /** Waits until every task has finished. Deadlocked tasks never do: this waits forever, like the seed. */
        public Outcome await() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
            return new Outcome(printed(), List.copyOf(backOffs));
        }

        @Override
        public void close() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** A task's body: it may be interrupted out of a lock. */
    private interface Task {
        void run() throws InterruptedException;
    }

    /**
     * The seed's sleep between the two locks, made certain. A task holding its first lock waits
     * until the other task holds its own first lock (opposite orders then deadlock every time)
     * or is queued for this one (with one global order it waits there, holding nothing).
     */
    private static final class FirstLockHeld {
        private final CountDownLatch holding = new CountDownLatch(2);

        void await(ReentrantLock mine) throws InterruptedException {
            holding.countDown();
            // No event says "a thread is queued for my lock", so look again every millisecond.
            while (!holding.await(1, TimeUnit.MILLISECONDS)) {
                if (mine.hasQueuedThreads()) {
                    return;
                }
            }
        }
    }

    private LockOrderingDeadlock() {
    }

    /** Broken: opposite lock order; both first locks are held before either second is requested. */
    public static Tasks startOppositeOrderDeadlock() {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        var rendezvous = new FirstLockHeld();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        return start(printed, List.of(), 1,
                () -> nested("1", lock1, lock2, rendezvous, printed),
                () -> nested("2", lock2, lock1, rendezvous, printed));
    }

    // tag::idiom[]
    /** Fix (a): every task takes the locks in one global order, whatever order it "wants". */
    public static Tasks startGlobalOrder() {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        var rendezvous = new FirstLockHeld();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        // task2 would like lock2 first; the rule "lock1 before lock2" overrides it, so no
        // thread can ever hold lock2 while waiting for lock1, and a cycle is impossible.
        return start(printed, List.of(), 1,
                () -> nested("1", lock1, lock2, rendezvous, printed),
                () -> nested("2", lock1, lock2, rendezvous, printed));
    }

    /** The seed's task: first lock, print d, (the sleep), second lock, print dd, ddd, dddd. */
    private static void nested(String d, ReentrantLock first, ReentrantLock second, FirstLockHeld rendezvous,
            List<String> printed) throws InterruptedException {
        first.lockInterruptibly();
        try {
            printed.add(d);
            if (rendezvous != null) {
                rendezvous.await(first);
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
    }
    // end::idiom[]

    /**
     * Fix (b): keep the opposite order and the rendezvous, but ask for the second lock with a
     * timeout. A task that times out lets go of its first lock, backs off and starts over.
     */
    public static Outcome tryLockWithBackoff(Duration timeout) throws InterruptedException {
        var lock1 = new ReentrantLock();
        var lock2 = new ReentrantLock();
        var rendezvous = new FirstLockHeld();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        List<BackOff> backOffs = Collections.synchronizedList(new ArrayList<>());
        try (var tasks = start(printed, backOffs, 1,
                () -> retrying(1, lock1, lock2, rendezvous, timeout, printed, backOffs),
                () -> retrying(2, lock2, lock1, rendezvous, timeout, printed, backOffs))) {
            return tasks.await();
        }
    }

    private static void retrying(int task, ReentrantLock first, ReentrantLock second, FirstLockHeld rendezvous,
            Duration timeout, List<String> printed, List<BackOff> backOffs) throws InterruptedException {
        String d = String.valueOf(task);
        Duration pause = Duration.ZERO;
        long gaveUpAt = 0;
        for (boolean firstAttempt = true; ; firstAttempt = false) {
            first.lockInterruptibly();
            try {
                if (firstAttempt) {
                    printed.add(d);
                    // Only the first attempt meets the other task: it sets up the deadlock.
                    rendezvous.await(first);
                } else {
                    long keptOff = System.nanoTime() - gaveUpAt;
                    backOffs.add(new BackOff(Thread.currentThread().getName(), pause, Duration.ofNanos(keptOff)));
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
            } finally {
                first.unlock();
            }
            // Timed out holding one lock: give it up and keep off both for a while.
            gaveUpAt = System.nanoTime();
            pause = backOff(task, timeout);
            Thread.sleep(pause);
        }
        printed.add(d.repeat(4));
    }

    /**
     * A random back-off, task 1's between one and two timeouts, task 2's between two and
     * three: always different, so the two tasks do not retry in lock-step.
     */
    static Duration backOff(int task, Duration timeout) {
        return timeout.multipliedBy(task).plusNanos(ThreadLocalRandom.current().nextLong(timeout.toNanos() + 1));
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
        try (var task1 = start(printed, List.of(), 1, () -> nested("1", lock1, lock2, null, printed))) {
            task1.await();
        }
        try (var task2 = start(printed, List.of(), 2, () -> {
            try {
                nested("2", lock2, lock1, null, printed);
            } catch (PotentialDeadlockException e) {
                printed.add(e.getClass().getSimpleName());
                log.info("Guava: {}", e.getMessage().lines().findFirst().orElse(""));
            }
        })) {
            return task2.await();
        }
    }

    /**
     * Starts each task on a daemon platform thread (ThreadMXBean sees only platform threads)
     * named task1, task2... counting from {@code number}.
     */
    private static Tasks start(List<String> printed, List<BackOff> backOffs, int number, Task... tasks) {
        var builder = Thread.ofPlatform().name("task", number).daemon(true);
        var threads = new ArrayList<Thread>();
        for (Task task : tasks) {
            threads.add(builder.start(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    log.info("{} interrupted while waiting: the deadlock is broken", Thread.currentThread().getName());
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return new Tasks(List.copyOf(threads), printed, backOffs);
    }

    public static void main(String[] args) throws Exception {
        try (Tasks broken = startOppositeOrderDeadlock()) {
            var mx = ManagementFactory.getThreadMXBean();
            long[] ids;
            while ((ids = mx.findDeadlockedThreads()) == null) {
                // Polling is what a monitoring tool does too: there is no "deadlock happened" event.
                Thread.sleep(10);
            }
            log.info("printed {} and stopped; ThreadMXBean reports deadlocked: {}", broken.printed(),
                    Arrays.stream(mx.getThreadInfo(ids)).map(ThreadInfo::getThreadName).toList());
        }
        try (Tasks ordered = startGlobalOrder()) {
            log.info("fix (a) one global order: {}", ordered.await());
        }
        log.info("fix (b) tryLock and back-off: {}", tryLockWithBackoff(Duration.ofMillis(100)));
        log.info("fix (c) Guava cycle detection: {}", cycleDetecting());
    }
}
