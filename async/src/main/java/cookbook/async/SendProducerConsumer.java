package cookbook.async;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-10. Python original: {@code produce(c)} primes a {@code consumer()} generator with
 * {@code send(None)}, then sends it 1..5, and each {@code send} returns the consumer's reply
 * {@code '200 OK'}; {@code c.close()} ends it.
 *
 * <p>The consumer runs on its own virtual thread, and the two sides meet at
 * {@link SynchronousQueue}s. A SynchronousQueue has no room at all: {@code put} waits until
 * the other side takes. So the producer cannot run ahead of the consumer, and the trace
 * alternates strictly, as with {@code send}. Sending 0 (falsy) makes the consumer return,
 * which is how {@link Consumer#close()} ends it.
 */
public final class SendProducerConsumer {
    private static final Logger log = LoggerFactory.getLogger(SendProducerConsumer.class);

    /** A line printed by either side, with the thread that printed it. */
    public record Line(String thread, String text) {
    }

    private SendProducerConsumer() {
    }

    /** {@code consumer()}: takes n, prints it, replies {@code 200 OK}; returns on 0. */
    public static final class Consumer implements AutoCloseable {
        private final SynchronousQueue<Integer> toConsumer = new SynchronousQueue<>();
        private final SynchronousQueue<String> toProducer = new SynchronousQueue<>();
        private final List<Line> trace;
        private final Thread thread;
        private boolean primed;

        private Consumer(String name, List<Line> trace) {
            this.trace = trace;
            // Built here, started by start(): never start a thread in a constructor (THR-07).
            this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
        }

        /** {@code c = consumer()}: the body's thread is running, stopped before its first yield. */
        public static Consumer start(String name, List<Line> trace) {
            var consumer = new Consumer(name, trace);
            consumer.thread.start();
            return consumer;
        }

        // tag::idiom[]
        /** {@code c.send(None)}: wait for the consumer's first (empty) reply. */
        public String prime() throws InterruptedException {
            primed = true;
            return toProducer.take();
        }

        /** {@code c.send(n)}: hand n over, wait for the reply. */
        public String send(int n) throws InterruptedException {
            if (!primed) {
                // The body is still waiting to hand over its first reply and would never take n:
                // both sides would wait for ever. Python raises TypeError here.
                throw new IllegalStateException("can't send " + n + " to a consumer that was never primed: call prime() first");
            }
            toConsumer.put(n);
            return toProducer.take();
        }

        private void loop() {
            try {
                String reply = "";
                while (true) {
                    toProducer.put(reply);
                    int n = toConsumer.take();
                    if (n == 0) {
                        return;
                    }
                    print(trace, "[CONSUMER] Consuming " + n + "...");
                    reply = "200 OK";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // end::idiom[]

        public Thread thread() {
            return thread;
        }

        /** {@code c.close()}: a falsy value makes the body return; then its thread is joined. */
        @Override
        public void close() throws InterruptedException {
            if (!primed) {
                // Never primed, so it is still waiting to hand over its first reply.
                thread.interrupt();
            } else if (thread.isAlive()) {
                toConsumer.put(0);
            }
            thread.join();
        }
    }

    /** {@code produce(c)} for n = 1..count; returns both sides' lines in the order printed. */
    public static List<Line> produce(int count) throws InterruptedException {
        List<Line> trace = Collections.synchronizedList(new ArrayList<>());
        try (var consumer = Consumer.start("consumer", trace)) {
            consumer.prime();
            for (int n = 1; n <= count; n++) {
                print(trace, "[PRODUCER] Producing " + n + "...");
                String reply = consumer.send(n);
                print(trace, "[PRODUCER] Consumer return: " + reply);
            }
        }
        return List.copyOf(trace);
    }

    private static void print(List<Line> trace, String text) {
        log.info(text);
        trace.add(new Line(Thread.currentThread().getName(), text));
    }

    public static void main(String[] args) throws InterruptedException {
        produce(5);
    }
}
