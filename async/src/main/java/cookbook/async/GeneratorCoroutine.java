package cookbook.async;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.SynchronousQueue;
import java.util.stream.Stream;

import com.google.common.collect.AbstractIterator;
import com.google.common.collect.Lists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-01. Python original: a generator {@code yield_test()} is primed with {@code next()} and
 * then fed values with {@code send()}, printing each one, while {@code count_down(n)} is pulled.
 *
 * <p>Java has no generators. Three stand-ins, from plainest to closest:
 * <ul>
 *   <li>pull-style generators are iterators: Guava's {@link AbstractIterator} or
 *       {@code Stream.iterate} play {@code count_down};</li>
 *   <li>a two-way generator with few states is an explicit state machine ({@link JumpingRange});</li>
 *   <li>a body that really suspends in the middle of a loop is a virtual thread handing
 *       control back and forth over {@link SynchronousQueue}s ({@link PrinterCoroutine}).</li>
 * </ul>
 */
public final class GeneratorCoroutine {
    private static final Logger log = LoggerFactory.getLogger(GeneratorCoroutine.class);

    /** One line of the story: which thread did what. */
    public record Step(String thread, String what) {
    }

    private GeneratorCoroutine() {
    }

    /** {@code count_down(n)}: yields n, n-1, ..., 1, computed one at a time as the caller pulls. */
    public static Iterator<Integer> countDown(int n) {
        return new AbstractIterator<>() {
            private int next = n;

            @Override
            protected Integer computeNext() {
                if (next > 0) {
                    return next--;
                }
                // endOfData() is Guava's StopIteration.
                return endOfData();
            }
        };
    }

    /** The same generator as a lazy stream: nothing is computed until a terminal operation pulls. */
    public static Stream<Integer> countDownStream(int n) {
        return Stream.iterate(n, k -> k > 0, k -> k - 1);
    }

    /**
     * {@code jumping_range(limit)}: yields an index; a value sent in is added to it, and
     * {@code next()} (sending nothing) adds 1. A state machine, because its only state is one int.
     */
    public static final class JumpingRange {
        private final int limit;
        private int index;
        private boolean started;

        public JumpingRange(int limit) {
            this.limit = limit;
        }

        /** Python's {@code next(gen)}, which is {@code gen.send(None)}. */
        public int next() {
            return send(null);
        }

        /** Resumes with {@code jump} and returns the next yielded index. */
        public int send(Integer jump) {
            if (!started) {
                // A fresh generator has not reached a yield yet, so there is nowhere to put a value.
                if (jump != null) {
                    throw new IllegalStateException("can't send a value to a just-started generator: call next() first");
                }
                started = true;
            } else {
                index += jump == null ? 1 : jump;
            }
            if (index >= limit) {
                throw new NoSuchElementException("the generator is exhausted (StopIteration)");
            }
            return index;
        }
    }

    /**
     * {@code yield_test()}: {@code while True: n = yield; print(n)}. The body runs on its own
     * virtual thread, but never at the same time as the caller: each side waits on a
     * {@link SynchronousQueue} (a queue with no room, so every put is a hand-over) while the
     * other runs. That is a coroutine's suspension, imitated with a thread.
     */
    public static final class PrinterCoroutine implements AutoCloseable {
        private static final Object YIELDED = new Object();
        private final String name;
        private final List<Step> trace;
        private final SynchronousQueue<String> toBody = new SynchronousQueue<>();
        private final SynchronousQueue<Object> toCaller = new SynchronousQueue<>();
        private Thread body;

        public PrinterCoroutine(String name, List<Step> trace) {
            this.name = name;
            this.trace = trace;
        }

        // tag::idiom[]
        /** Python's first {@code next(gen)}: run the body up to its first yield. */
        public void prime() throws InterruptedException {
            body = Thread.ofVirtual().name(name).start(this::loop);
            toCaller.take();
        }

        /** Hands {@code value} to the body and waits until it is back at its yield. */
        public void send(String value) throws InterruptedException {
            if (body == null) {
                throw new IllegalStateException("can't send a value to a just-started generator: call prime() first");
            }
            record(trace, "send(" + value + ")");
            toBody.put(value);
            toCaller.take();
        }

        private void loop() {
            try {
                while (true) {
                    // The "yield": give control back, then sleep until the next send.
                    toCaller.put(YIELDED);
                    String n = toBody.take();
                    record(trace, n);
                }
            } catch (InterruptedException e) {
                // close() interrupts the body parked at its yield: the generator is finished.
                Thread.currentThread().interrupt();
            }
        }
        // end::idiom[]

        /** The body's thread, once primed. */
        public Thread thread() {
            return body;
        }

        /** A Python generator is garbage-collected; a thread must be ended explicitly. */
        @Override
        public void close() throws InterruptedException {
            if (body != null) {
                body.interrupt();
                body.join();
            }
        }
    }

    /** Primes a {@link PrinterCoroutine}, sends every value, closes it; returns who did what. */
    public static List<Step> sendAll(List<String> values) throws InterruptedException {
        List<Step> trace = Collections.synchronizedList(new ArrayList<>());
        try (var printer = new PrinterCoroutine("yield_test", trace)) {
            printer.prime();
            for (String v : values) {
                printer.send(v);
            }
        }
        return List.copyOf(trace);
    }

    private static void record(List<Step> trace, String what) {
        log.info(what);
        trace.add(new Step(Thread.currentThread().getName(), what));
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("count_down(5) pulled as an iterator: {}", Lists.newArrayList(countDown(5)));
        log.info("count_down(5) as a stream: {}", countDownStream(5).toList());

        var jumping = new JumpingRange(5);
        log.info("jumping_range(5): next()={}, send(2)={}, next()={}, send(-1)={}",
                jumping.next(), jumping.send(2), jumping.next(), jumping.send(-1));

        // Watch the thread names: the caller and 'yield_test' take turns, never overlapping.
        sendAll(List.of("send=ok", "hello"));
    }
}
