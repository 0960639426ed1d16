package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-05. Python original: the notes list {@code Queue}'s API, {@code put}/{@code get} with
 * {@code block} and {@code timeout}, {@code put_nowait}/{@code get_nowait} raising
 * {@code Full}/{@code Empty}, and {@code qsize}/{@code empty}/{@code full}.
 *
 * <p>Each Python call is performed in its Java form on an {@code ArrayBlockingQueue(2)} and
 * the result recorded in a {@link Row}: the table {@code main} prints is the one the test
 * checks. Java splits each Python call in two: a variant that answers with a value
 * ({@code offer} returns {@code false}, {@code poll} returns {@code null}) and one that
 * throws ({@code add}, {@code remove}), plus the blocking pair {@code put}/{@code take}.
 *
 * <p>What to notice: the timed calls return after the timeout, with a value, not an exception.
 */
public final class QueueApiMapping {
    private static final Logger log = LoggerFactory.getLogger(QueueApiMapping.class);

    /** One line of the table: the Python call, the Java call, and what Java returned or threw. */
    public record Row(String python, String java, Object result, Duration waited) {
    }

    /** The table, plus the queue's remaining capacity after each put or take of the first part. */
    public record Tour(List<Row> rows, List<Integer> remainingCapacity) {
        /** The row whose Java column is {@code java}. */
        public Row row(String java) {
            return rows.stream().filter(r -> r.java().equals(java)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row for " + java));
        }
    }

    private QueueApiMapping() {
    }

    /** Walks the API on a queue of two; {@code timeout} is used for the timed calls. */
    public static Tour tour(Duration timeout) throws InterruptedException {
        BlockingQueue<Integer> q = new ArrayBlockingQueue<>(2);
        var rows = new ArrayList<Row>();
        var remaining = new ArrayList<Integer>();
        long t = timeout.toMillis();

        // tag::idiom[]
        rows.add(attempt("empty()", "isEmpty()", q::isEmpty));
        remaining.add(q.remainingCapacity());
        rows.add(attempt("put_nowait(1)", "offer(1)", () -> q.offer(1)));
        rows.add(attempt("put(2)", "put(2)", () -> {
            q.put(2);
            return "returned";
        }));
        remaining.add(q.remainingCapacity());
        rows.add(attempt("qsize()", "size()", q::size));
        rows.add(attempt("full()", "remainingCapacity() == 0", () -> q.remainingCapacity() == 0));
        rows.add(attempt("put_nowait(3) -> Full", "offer(3)", () -> q.offer(3)));
        rows.add(attempt("put_nowait(3) -> Full", "add(3)", () -> q.add(3)));
        rows.add(attempt("put(3, timeout=t) -> Full", "offer(3, t, MILLISECONDS)", () -> q.offer(3, t, TimeUnit.MILLISECONDS)));
        rows.add(attempt("get()", "take()", q::take));
        rows.add(attempt("get_nowait()", "poll()", q::poll));
        remaining.add(q.remainingCapacity());
        rows.add(attempt("get_nowait() -> Empty", "poll() on empty", q::poll));
        rows.add(attempt("get_nowait() -> Empty", "remove()", q::remove));
        rows.add(attempt("get(timeout=t) -> Empty", "poll(t, MILLISECONDS)", () -> q.poll(t, TimeUnit.MILLISECONDS)));
        rows.add(attempt("put(None)", "put(null)", () -> {
            q.put(null);
            return "returned";
        }));
        q.put(10);
        q.put(11);
        var drained = new ArrayList<Integer>();
        rows.add(attempt("(loop of get_nowait())", "drainTo(list)", () -> q.drainTo(drained) + " moved: " + drained));
        rows.add(attempt("qsize() after draining", "size() after drainTo", q::size));
        // end::idiom[]
        rows.add(attempt("qsize() after threads joined", "size() == puts - takes", () -> sizeAfterThreads(60, 25)));
        return new Tour(List.copyOf(rows), List.copyOf(remaining));
    }

    /**
     * Two producers put {@code perProducer} items each while one consumer takes {@code takes};
     * once all are joined, size() is exact: puts minus takes. While they run it is a snapshot.
     */
    static int sizeAfterThreads(int perProducer, int takes) throws InterruptedException {
        // Room to spare: every put succeeds, so the count is exactly what the threads did.
        BlockingQueue<Integer> q = new ArrayBlockingQueue<>(4 * perProducer);
        var threads = new ArrayList<Thread>();
        for (int p = 0; p < 2; p++) {
            threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.add(i);
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("consumer").start(() -> {
            try {
                for (int i = 0; i < takes; i++) {
                    q.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        for (Thread thread : threads) {
            thread.join();
        }
        return q.size();
    }

    /** Runs one call, recording its value or the exception it threw, and how long it took. */
    private static Row attempt(String python, String java, Callable<?> call) {
        long start = System.nanoTime();
        Object result;
        try {
            result = call.call();
        } catch (Exception e) {
            result = e;
        }
        return new Row(python, java, result, Duration.ofNanos(System.nanoTime() - start));
    }

    public static void main(String[] args) throws InterruptedException {
        var tour = tour(Duration.ofMillis(500));
        log.info(String.format("%-30s | %-28s | %s", "Python", "Java", "Java result"));
        for (Row row : tour.rows()) {
            String result = row.result() instanceof Exception e ? "throws " + e : String.valueOf(row.result());
            log.info(String.format("%-30s | %-28s | %s (%d ms)", row.python(), row.java(), result, row.waited().toMillis()));
        }
        log.info("remainingCapacity() at start, when full, after two takes: {}", tour.remainingCapacity());
    }
}
