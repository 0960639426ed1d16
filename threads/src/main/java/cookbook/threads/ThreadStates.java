package cookbook.threads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-10. Python original: the notes draw the running / ready / blocked diagram and say a
 * thread blocked on IO or a wait gets no CPU time slices until it is woken.
 *
 * <p>Java names six states in {@link Thread.State}. One platform thread, {@code state-walker},
 * is driven through all of them with latches and one monitor: NEW (built, not started),
 * RUNNABLE (spinning), BLOCKED (waiting to enter a {@code synchronized} block main holds),
 * WAITING ({@code CountDownLatch.await()}), TIMED_WAITING ({@code await} with a timeout),
 * TERMINATED (run() returned). While it waits, its CPU time does not grow. One surprise:
 * a platform thread blocked in a socket {@code accept()} or {@code read()} reports RUNNABLE.
 */
public final class ThreadStates {
    private static final Logger log = LoggerFactory.getLogger(ThreadStates.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** One state seen from outside, and what the thread was doing to be in it. */
    public record Observation(Thread.State state, String doing) {
    }

    /** The states in the order seen, and the walker's CPU time while spinning and while waiting. */
    public record Walk(List<Observation> observed, Duration cpuWhileSpinning, Duration cpuWhileWaiting) {
    }

    private ThreadStates() {
    }

    /** Walks one thread through all six states, lingering {@code dwell} to measure CPU time. */
    public static Walk walk(Duration dwell) throws InterruptedException {
        var observed = new ArrayList<Observation>();
        var monitor = new Object();
        var spinning = new CountDownLatch(1);
        var stopSpinning = new AtomicBoolean();
        var endWait = new CountDownLatch(1);
        var endTimedWait = new CountDownLatch(1);

        Thread walker = Thread.ofPlatform().name("state-walker").unstarted(() -> {
            try {
                spinning.countDown();
                while (!stopSpinning.get()) {
                    Thread.onSpinWait();
                }
                synchronized (monitor) {
                    // Entered only once main has left its synchronized block.
                }
                endWait.await();
                endTimedWait.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        observed.add(observe(walker, Thread.State.NEW, "built, not started"));

        Duration cpuSpinning;
        // Main takes the monitor first, so the walker will have to queue for it.
        synchronized (monitor) {
            walker.start();
            spinning.await();
            observed.add(observe(walker, Thread.State.RUNNABLE, "spinning in a loop"));
            cpuSpinning = cpuTimeOver(walker, dwell);
            stopSpinning.set(true);
            observed.add(observe(walker, Thread.State.BLOCKED, "queuing for the monitor main holds"));
        }
        observed.add(observe(walker, Thread.State.WAITING, "in CountDownLatch.await()"));
        Duration cpuWaiting = cpuTimeOver(walker, dwell);
        endWait.countDown();
        observed.add(observe(walker, Thread.State.TIMED_WAITING, "in CountDownLatch.await(1, MINUTES)"));
        endTimedWait.countDown();
        walker.join();
        observed.add(observe(walker, Thread.State.TERMINATED, "run() returned"));
        return new Walk(List.copyOf(observed), cpuSpinning, cpuWaiting);
    }

    /** The state a platform thread reports while it sits in {@code ServerSocket.accept()}. */
    public static Thread.State stateInSocketAccept() throws IOException, InterruptedException {
        var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = null;
        try {
            acceptor = Thread.ofPlatform().name("acceptor").start(() -> {
                try {
                    server.accept().close();
                } catch (SocketException closed) {
                    // The server socket was closed under us: the way to end a blocked accept().
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // Wait until accept() is on its stack; from then on it cannot leave by itself.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (Arrays.stream(acceptor.getStackTrace()).noneMatch(f -> f.getMethodName().equals("accept"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("acceptor never reached accept()");
                }
                Thread.sleep(1);
            }
            Thread.State state = acceptor.getState();
            log.info("'acceptor' is blocked in accept() and reports {}", state);
            return state;
        } finally {
            // Closing the socket is what ends the blocked accept(), so the thread can be joined.
            server.close();
            if (acceptor != null) {
                acceptor.join();
            }
        }
    }

    /** Polls until {@code t} is in {@code expected}: there is no event for "a thread has parked". */
    private static Observation observe(Thread t, Thread.State expected, String doing) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (t.getState() != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(t.getName() + " never reached " + expected + ", it is " + t.getState());
            }
            Thread.sleep(1);
        }
        log.info("{} ({})", expected, doing);
        return new Observation(expected, doing);
    }

    /** How much CPU time {@code t} used while the caller slept for {@code dwell}. */
    private static Duration cpuTimeOver(Thread t, Duration dwell) throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(t.threadId());
        Thread.sleep(dwell);
        long after = threads.getThreadCpuTime(t.threadId());
        return Duration.ofNanos(after - before);
    }

    public static void main(String[] args) throws Exception {
        var walk = walk(Duration.ofMillis(500));
        log.info("CPU time over 500 ms: {} ms spinning, {} ms waiting (a waiting thread gets no time slices)",
                walk.cpuWhileSpinning().toMillis(), walk.cpuWhileWaiting().toMillis());
        stateInSocketAccept();
    }
}
