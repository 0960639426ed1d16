package cookbook.async;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.collect.Iterators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-02. Python original: two greenlets print 12, 56, 34, 78 by calling {@code switch()} on
 * each other, and a generator that does {@code yield from} another yields 1 3 4 2.
 *
 * <p>A greenlet is a body that runs only while it holds the one "baton" of its thread and
 * gives it away by naming who runs next. Java has no user-mode stack switching in its API,
 * so the imitation gives each greenlet a virtual thread that waits for the baton on its own
 * {@link SynchronousQueue}; {@code switchTo(other)} puts the baton in the other's queue and
 * then waits on its own. Only the holder runs, so the order is as fixed as in Python.
 * {@code yield from} needs no threads at all: it is iterator concatenation.
 */
public final class GreenletSwitch {
    private static final Logger log = LoggerFactory.getLogger(GreenletSwitch.class);

    /**
     * What was printed, by whom, how many greenlet bodies were running at each print and at
     * most, and whether every greenlet's thread had ended when the parent got the baton back.
     */
    public record Outcome(List<String> printed, List<String> threads, List<Integer> runningAtEachPrint,
                          int maxRunningAtOnce, boolean allEnded) {
    }

    private GreenletSwitch() {
    }

    /**
     * A body plus the queue it waits on for the baton. When the body returns, the baton
     * goes back to the parent (the caller of {@link #run}), as in greenlet.
     */
    static final class Greenlet {
        private static final Object BATON = new Object();
        private final String name;
        private final SynchronousQueue<Object> inbox = new SynchronousQueue<>();
        private final Shared shared;
        private Thread thread;

        Greenlet(String name, Shared shared) {
            this.name = name;
            this.shared = shared;
        }

        /** A greenlet's function; it may be abandoned (interrupted) while switched out. */
        interface Body {
            void run() throws InterruptedException;
        }

        // tag::idiom[]
        void start(Body body) {
            thread = Thread.ofVirtual().name(name).start(() -> {
                try {
                    inbox.take();
                    shared.enter();
                    Object handBack = BATON;
                    try {
                        body.run();
                    } catch (RuntimeException e) {
                        // As in greenlet, an uncaught exception goes to the parent, which
                        // would otherwise wait for ever for a baton that never comes.
                        handBack = e;
                    }
                    shared.leave();
                    // A finished greenlet hands control to its parent.
                    shared.parent.put(handBack);
                } catch (InterruptedException e) {
                    // Abandoned while switched out: unwind quietly, nothing more is printed.
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Give the baton to {@code other}, then wait until someone gives it back. */
        void switchTo(Greenlet other) throws InterruptedException {
            shared.leave();
            other.inbox.put(BATON);
            inbox.take();
            shared.enter();
        }
        // end::idiom[]
    }

    /** The parent's queue, the printed lines and the running-at-once high-water mark. */
    static final class Shared {
        final SynchronousQueue<Object> parent = new SynchronousQueue<>();
        final List<String> printed = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> runningAtEachPrint = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        void enter() {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        }

        void leave() {
            running.decrementAndGet();
        }

        void print(String s) {
            log.info(s);
            printed.add(s);
            threads.add(Thread.currentThread().getName());
            runningAtEachPrint.add(running.get());
        }
    }

    /** Seed 002/004 §6.14: test1 prints 12, switches; test2 prints 56, switches back; and so on. */
    public static Outcome testOneTestTwo() throws InterruptedException {
        return twoGreenlets("gr1", "gr2", List.of("12", "34"), List.of("56", "78"));
    }

    /** Seed 001 §4.1: func1 prints 1, func2 prints 3, func1 prints 2, func2 prints 4. */
    public static Outcome funcOneFuncTwo() throws InterruptedException {
        return twoGreenlets("func1", "func2", List.of("1", "2"), List.of("3", "4"));
    }

    /**
     * Both seeds have the same shape: the first greenlet prints, switches to the second, prints,
     * switches again; the second prints, switches back, prints and returns.
     */
    private static Outcome twoGreenlets(String name1, String name2, List<String> says1, List<String> says2)
            throws InterruptedException {
        var shared = new Shared();
        var gr1 = new Greenlet(name1, shared);
        var gr2 = new Greenlet(name2, shared);
        gr1.start(() -> {
            shared.print(says1.get(0));
            gr1.switchTo(gr2);
            shared.print(says1.get(1));
            gr1.switchTo(gr2);
        });
        gr2.start(() -> {
            shared.print(says2.get(0));
            gr2.switchTo(gr1);
            shared.print(says2.get(1));
        });
        return runFromParent(shared, gr1, gr2);
    }

    /**
     * {@code gr1.switch()} from the parent, then wait for the baton to come back (when gr2's
     * body returns). gr1 is then still parked in its second switch, as in greenlet, where it
     * is simply collected; here it must be interrupted and joined. An exception that escapes a
     * body is thrown here, in the parent, as greenlet does.
     */
    static Outcome runFromParent(Shared shared, Greenlet first, Greenlet second) throws InterruptedException {
        try {
            first.inbox.put(Greenlet.BATON);
            if (shared.parent.take() instanceof RuntimeException e) {
                throw e;
            }
        } finally {
            for (Greenlet g : List.of(first, second)) {
                g.thread.interrupt();
                g.thread.join();
            }
        }
        boolean allEnded = !first.thread.isAlive() && !second.thread.isAlive();
        return new Outcome(List.copyOf(shared.printed), List.copyOf(shared.threads),
                List.copyOf(shared.runningAtEachPrint), shared.maxRunning.get(), allEnded);
    }

    /** {@code func1}: yields 1, then everything func2 yields ({@code yield from}), then 2. */
    public static List<Integer> yieldFrom() {
        Iterator<Integer> func2 = List.of(3, 4).iterator();
        Iterator<Integer> func1 = Iterators.concat(Iterators.singletonIterator(1), func2, Iterators.singletonIterator(2));
        List<Integer> out = new ArrayList<>();
        func1.forEachRemaining(out::add);
        return out;
    }

    public static void main(String[] args) throws InterruptedException {
        // Each line names the virtual thread that printed it; only one runs at a time.
        Outcome greenlets = testOneTestTwo();
        log.info("test1/test2 printed {}, never more than {} running at once", greenlets.printed(),
                greenlets.maxRunningAtOnce());
        log.info("func1/func2 printed {}", funcOneFuncTwo().printed());
        log.info("yield from printed {}", yieldFrom());
    }
}
