package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-05. Python original: {@code func1} prints 1, sleeps 2 s, prints 2; {@code func2} prints
 * 3, sleeps 2 s, prints 4; run together as tasks they print 1 3 2 4 and take 2 s, not 4.
 *
 * <p>On a one-thread event loop a sleep is a timer, not a blocked thread: while func1 waits,
 * the loop is free to start func2. {@code CompletableFuture.allOf} is {@code asyncio.wait}.
 * Everything below touches plain, unsynchronised fields, because only the loop thread ever
 * runs this code (ASYNC-12 shows where that stops being enough).
 */
public final class ConcurrentSleeps {
    private static final Logger log = LoggerFactory.getLogger(ConcurrentSleeps.class);

    /**
     * What was printed, by which threads (names for the reader, ids for a test), how many tasks
     * were asleep at each print and at most, and the total time.
     */
    public record Outcome(List<String> printed, List<String> threads, List<Long> threadIds,
                          List<Integer> asleepAtEachPrint, int maxSleepingAtOnce, Duration elapsed) {
    }

    private ConcurrentSleeps() {
    }

    /** A one-thread event loop with a sleep that does not block it. */
    static final class EventLoop implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("event-loop").factory());

        CompletableFuture<Void> sleep(Duration d) {
            var later = CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, thread);
            return CompletableFuture.runAsync(() -> { }, later);
        }

        /** Runs {@code start} on the loop thread and returns the future it gives back. */
        CompletableFuture<Void> createTask(Supplier<CompletableFuture<Void>> start) {
            return CompletableFuture.supplyAsync(start, thread).thenCompose(f -> f);
        }

        @Override
        public void close() {
            thread.close();
        }
    }

    /** State touched only from the loop thread, so plain fields are enough. */
    private static final class Story {
        final List<String> printed = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final List<Long> threadIds = new ArrayList<>();
        final List<Integer> asleep = new ArrayList<>();
        int sleeping;
        int maxSleeping;

        void print(String s) {
            log.info(s);
            printed.add(s);
            threads.add(Thread.currentThread().getName());
            threadIds.add(Thread.currentThread().threadId());
            asleep.add(sleeping);
        }
    }

    // tag::idiom[]
    /** {@code print(before); await asyncio.sleep(d); print(after)}. */
    static CompletableFuture<Void> func(EventLoop loop, Story story, String before, Duration d, String after) {
        story.print(before);
        story.maxSleeping = Math.max(story.maxSleeping, ++story.sleeping);
        return loop.sleep(d).thenRun(() -> {
            story.sleeping--;
            story.print(after);
        });
    }

    /** Runs func1 (sleeping {@code d1}) and func2 (sleeping {@code d2}) as two tasks, waits for both. */
    public static Outcome run(Duration d1, Duration d2) {
        var story = new Story();
        long begin = System.nanoTime();
        try (var loop = new EventLoop()) {
            var task1 = loop.createTask(() -> func(loop, story, "1", d1, "2"));
            var task2 = loop.createTask(() -> func(loop, story, "3", d2, "4"));
            CompletableFuture.allOf(task1, task2).join();
        }
        // close() waited for the loop thread to end, so its writes are visible here.
        return new Outcome(List.copyOf(story.printed), List.copyOf(story.threads), List.copyOf(story.threadIds),
                List.copyOf(story.asleep), story.maxSleeping, Duration.ofNanos(System.nanoTime() - begin));
    }
    // end::idiom[]

    public static void main(String[] args) {
        Outcome outcome = run(Duration.ofSeconds(2), Duration.ofSeconds(2));
        log.info("printed {}; {} tasks slept at once; total {} ms, not the 4000 ms of the two sleeps added up",
                outcome.printed(), outcome.maxSleepingAtOnce(), outcome.elapsed().toMillis());
    }
}
