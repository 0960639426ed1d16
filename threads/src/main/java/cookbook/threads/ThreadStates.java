package cookbook.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * a platform thread blocked in a socket {@code accept()} reports RUNNABLE, yet uses no CPU.
 */
public final class ThreadStates {
    private static final Logger log = LoggerFactory.getLogger(ThreadStates.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** One state seen from outside, and what the thread was doing to be in it. */
    public record Observation(Thread.State state, String doing) {
    }

    /** The CPU time a thread used, and the wall time over which it was measured. */
    public record CpuUse(Duration cpu, Duration wall) {
    }

    /**
     * The states in the order seen, and the walker's CPU use while spinning and while
     * waiting (empty where this JVM cannot measure a thread's CPU time).
     */
    public record Walk(List<Observation> observed, Optional<CpuUse> whileSpinning, Optional<CpuUse> whileWaiting) {
    }

    /**
     * A thread sitting in {@code ServerSocket.accept()}: the top frame of its stack when main
     * began to watch, the state it reported, its CPU use meanwhile, and whether it ended once
     * the socket was closed.
     */
    public record Accepting(StackTraceElement topFrame, Thread.State state, Optional<CpuUse> cpu, boolean endedOnClose) {
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

        // tag::idiom[]
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

        Optional<CpuUse> cpuSpinning;
        // Main takes the monitor first, so the walker will have to queue for it.
        synchronized (monitor) {
            walker.start();
            spinning.await();
            cpuSpinning = cpuTimeOver(walker, dwell);
            // Still RUNNABLE after the dwell: it has been spinning all along.
            observed.add(observe(walker, Thread.State.RUNNABLE, "spinning in a loop"));
            stopSpinning.set(true);
            observed.add(observe(walker, Thread.State.BLOCKED, "queuing for the monitor main holds"));
        }
        observed.add(observe(walker, Thread.State.WAITING, "in CountDownLatch.await()"));
        Optional<CpuUse> cpuWaiting = cpuTimeOver(walker, dwell);
        endWait.countDown();
        observed.add(observe(walker, Thread.State.TIMED_WAITING, "in CountDownLatch.await(1, MINUTES)"));
        endTimedWait.countDown();
        walker.join();
        observed.add(observe(walker, Thread.State.TERMINATED, "run() returned"));
        // end::idiom[]
        return new Walk(List.copyOf(observed), cpuSpinning, cpuWaiting);
    }

    /**
     * What a platform thread reports while it sits in {@code ServerSocket.accept()}, and how
     * much CPU it uses there over {@code dwell}.
     */
    public static Accepting stateInSocketAccept(Duration dwell) throws IOException, InterruptedException {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().name("acceptor").start(() -> {
                try {
                    server.accept().close();
                } catch (SocketException closed) {
                    // The server socket was closed under us: the way to end a blocked accept().
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            StackTraceElement top;
            Thread.State state;
            Optional<CpuUse> cpu;
            try {
                // Sample only once the thread sits in the native accept call itself: from then on
                // it cannot leave until someone connects or the socket closes. Before that, it is
                // still running Java code on its way there, and RUNNABLE would prove nothing.
                top = awaitTopFrame(acceptor, "accept");
                state = acceptor.getState();
                cpu = cpuTimeOver(acceptor, dwell);
            } finally {
                // Closing the socket is what ends the blocked accept().
                server.close();
            }
            boolean ended = acceptor.join(PATIENCE);
            log.info("'acceptor' sat in {} reporting {}; CPU time used: {}; ended once the socket closed: {}", top, state,
                    cpu.map(ThreadStates::human).orElse("not measurable"), ended);
            return new Accepting(top, state, cpu, ended);
        }
    }

    /** Polls {@code t}'s stack until its top frame is the native method {@code method}. */
    private static StackTraceElement awaitTopFrame(Thread t, String method) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        StackTraceElement[] stack = {};
        while (System.nanoTime() <= deadline) {
            stack = t.getStackTrace();
            if (stack.length > 0 && stack[0].isNativeMethod() && stack[0].getMethodName().equals(method)) {
                return stack[0];
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(t.getName() + " never reached native " + method + "(), it is at "
                + (stack.length > 0 ? stack[0] : "no frame"));
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

    /**
     * How much CPU time {@code t} used while the caller slept for {@code dwell}; empty if this
     * JVM cannot tell. A disabled measurement reads -1 every time, which would look like
     * "no CPU used", so it is switched on first.
     */
    private static Optional<CpuUse> cpuTimeOver(Thread t, Duration dwell) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            Thread.sleep(dwell);
            return Optional.empty();
        }
        long begin = System.nanoTime();
        long before = threads.getThreadCpuTime(t.threadId());
        Thread.sleep(dwell);
        long after = threads.getThreadCpuTime(t.threadId());
        return Optional.of(new CpuUse(Duration.ofNanos(after - before), Duration.ofNanos(System.nanoTime() - begin)));
    }

    /** CPU use as a reader wants it: {@code 3 ms of CPU in 500 ms}. */
    static String human(CpuUse use) {
        return human(use.cpu()) + " of CPU in " + human(use.wall());
    }

    /** A duration as a reader wants it: {@code 16 ms}, {@code 1.2 s}. */
    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        var walk = walk(Duration.ofMillis(500));
        log.info("spinning: {}; waiting: {} (a waiting thread gets no time slices)",
                walk.whileSpinning().map(ThreadStates::human).orElse("not measurable"),
                walk.whileWaiting().map(ThreadStates::human).orElse("not measurable"));
        stateInSocketAccept(Duration.ofMillis(500));
    }
}
