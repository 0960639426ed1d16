package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-03. Python original: calling {@code async def do()} only makes a coroutine object; the
 * event loop's {@code create_task} schedules it, the task prints pending, then runs, then finished.
 *
 * <p>The Java "coroutine function" is a method that returns a {@link CompletableFuture}. The
 * catch: a {@code CompletableFuture} is already running when you get it, so the un-started
 * coroutine object is a {@link Supplier} of one. The event loop is a single-threaded executor:
 * everything scheduled on it runs on one thread, one piece at a time, and a scheduled task
 * cannot start while the code that scheduled it is still running there.
 */
public final class CoroutineTask {
    private static final Logger log = LoggerFactory.getLogger(CoroutineTask.class);

    /** One line of the story: which thread did what (its name for the reader, its id for a test). */
    public record Step(String thread, long threadId, String what) {
    }

    /** The story, the task's state before its body ran and after, its result, the time taken. */
    public record Outcome(List<Step> steps, Future.State stateWhenCreated, Future.State stateAtEnd, Object result,
                          Duration elapsed) {
    }

    private CoroutineTask() {
    }

    // tag::idiom[]
    /** asyncio's loop in miniature: one named thread, tasks, and a sleep that does not block it. */
    static final class EventLoop implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("event-loop").factory());

        /** {@code asyncio.sleep(d)}: a timer completes the future later, back on the loop thread. */
        CompletableFuture<Void> sleep(Duration d) {
            var later = CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, thread);
            return CompletableFuture.runAsync(() -> { }, later);
        }

        /**
         * {@code loop.create_task(coro)}: queue the coroutine; it starts when the loop gets to it.
         * If it throws instead of returning its future, {@code supplyAsync} fails the task with
         * that exception: the task always ends, and the loop thread lives on.
         */
        <T> CompletableFuture<T> createTask(Supplier<CompletableFuture<T>> coroutine) {
            return CompletableFuture.supplyAsync(coroutine, thread).thenCompose(started -> started);
        }

        /** {@code loop.run_until_complete(coro)}: run it as a task and wait here for its end. */
        <T> T runUntilComplete(Supplier<CompletableFuture<T>> coroutine) {
            return createTask(coroutine).join();
        }

        @Override
        public void close() {
            thread.close();
        }
    }

    /** {@code async def do()}: print, then await a sleep of {@code d}. Returns None, like the seed. */
    static CompletableFuture<Void> doIt(EventLoop loop, Duration d, List<Step> steps) {
        record(steps, "we are doing it......");
        return loop.sleep(d).thenRun(() -> record(steps, "slept " + d.toMillis() + " ms, done"));
    }
    // end::idiom[]

    /** Builds the coroutine object, runs it as a task on a fresh loop, and reports the task's life. */
    public static Outcome run(Duration d) {
        List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        long begin = System.nanoTime();
        try (var loop = new EventLoop()) {
            // The coroutine object: nothing runs, nothing is printed, until someone schedules it.
            Supplier<CompletableFuture<Void>> coroutine = () -> doIt(loop, d, steps);
            record(steps, "coroutine object created; its body has not run");

            var taskRef = new AtomicReference<CompletableFuture<Void>>();
            var created = new AtomicReference<Future.State>();
            loop.runUntilComplete(() -> {
                // We are on the loop thread, so the task just queued cannot start before we return.
                CompletableFuture<Void> t = loop.createTask(coroutine);
                taskRef.set(t);
                created.set(t.state());
                record(steps, "task created, state " + t.state() + " (Python: pending)");
                return t;
            });
            var task = taskRef.get();
            record(steps, "task finished, state " + task.state() + ", result " + task.resultNow());
            return new Outcome(List.copyOf(steps), created.get(), task.state(), task.resultNow(),
                    Duration.ofNanos(System.nanoTime() - begin));
        }
    }

    /** The contrast: {@code supplyAsync} starts at once, whether or not anyone ever waits for it. */
    public static CompletableFuture<String> eagerFuture(Runnable body, ExecutorService executor) {
        return CompletableFuture.supplyAsync(() -> {
            body.run();
            return Thread.currentThread().getName();
        }, executor);
    }

    private static void record(List<Step> steps, String what) {
        log.info(what);
        steps.add(new Step(Thread.currentThread().getName(), Thread.currentThread().threadId(), what));
    }

    public static void main(String[] args) {
        Outcome outcome = run(Duration.ofSeconds(2));
        log.info("took {} ms; the body ran on the loop thread only after the task was created",
                outcome.elapsed().toMillis());
    }
}
