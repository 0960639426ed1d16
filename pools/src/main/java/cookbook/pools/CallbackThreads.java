package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-04. Python original: {@code future.add_done_callback(done)} on a thread pool, with the
 * notes concluding that the worker thread runs the callback.
 *
 * <p>That holds only while the task is still running. A {@link CompletableFuture} callback
 * ({@code thenApply}, {@code thenAccept}) runs on the thread that completes the future if it
 * is registered before completion, and on the registering thread if the future is already
 * done: the same rule as Python's {@code add_done_callback}. (The javadoc promises no more
 * than "the thread that completes the future, or any other caller of a completion method".)
 * To stop guessing, name the thread: {@code thenApplyAsync(fn, executor)} or Guava's
 * {@link Futures#addCallback(ListenableFuture, FutureCallback, java.util.concurrent.Executor)},
 * which always takes an executor.
 */
public final class CallbackThreads {
    private static final Logger log = LoggerFactory.getLogger(CallbackThreads.class);

    /**
     * The threads, by identity: the caller that registered the callbacks, the pool thread that
     * ran the task, the one thread of the callback executor, and the thread each callback ran on.
     */
    public record Observed(Thread caller, Thread task, Thread callbackExecutorThread, Thread registeredBeforeCompletion,
                           Thread registeredAfterCompletion, Thread thenApplyAsync, Thread guavaAddCallback) {
    }

    /**
     * The tasks whose callbacks ran, the threads the callbacks ran on, the most that ran at
     * once, and the time until the last was done.
     */
    public record SlowCallbacks(List<Integer> handled, Set<Thread> callbackThreads, int peakConcurrency, Duration elapsed) {
    }

    private CallbackThreads() {
    }

    public static Observed whoRunsCallbacks() throws InterruptedException {
        Thread caller = Thread.currentThread();
        try (ExecutorService pool = Executors.newFixedThreadPool(2, new ThreadFactoryBuilder().setNameFormat("worker-%d").build());
             ExecutorService callbacks = Executors.newSingleThreadExecutor(
                     new ThreadFactoryBuilder().setNameFormat("callback-%d").build())) {
            Thread callbackThread = CompletableFuture.supplyAsync(Thread::currentThread, callbacks).join();

            // tag::idiom[]
            // 1. The callback is registered before any task is even submitted, so the future is
            //    certainly not done yet: the pool thread that completes it runs the callback.
            var pending = new CompletableFuture<Thread>();
            CompletableFuture<Thread> before = pending.thenApply(task -> currentThread("callback registered before completion"));
            pool.execute(() -> pending.complete(Thread.currentThread()));
            // Join the callback's future, not pending: a thread that wakes in pending.join() may
            // run pending's callbacks itself (the javadoc's "any other caller").
            Thread beforeThread = before.join();
            Thread taskThread = pending.join();

            // 2. The future is already done when the callback arrives: the caller runs it,
            //    right inside thenApply, before thenApply even returns.
            CompletableFuture<Thread> done = CompletableFuture.supplyAsync(Thread::currentThread, pool);
            done.join();
            Thread afterThread = done.thenApply(task -> currentThread("callback registered after completion")).join();

            // 3. The Async variant with an executor says where the callback runs, always.
            Thread asyncThread = done.thenApplyAsync(task -> currentThread("thenApplyAsync on the callback executor"),
                    callbacks).join();
            // end::idiom[]

            // 4. Guava's ListenableFuture has no executor-less callback: the choice is explicit.
            ListeningExecutorService listening = MoreExecutors.listeningDecorator(pool);
            ListenableFuture<Thread> listenable = listening.submit(Thread::currentThread);
            var guavaThread = new AtomicReference<Thread>();
            var called = new CountDownLatch(1);
            Futures.addCallback(listenable, new FutureCallback<>() {
                @Override
                public void onSuccess(Thread task) {
                    guavaThread.set(currentThread("Guava addCallback with the callback executor"));
                    called.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                    log.error("task failed", t);
                    called.countDown();
                }
            }, callbacks);
            if (!called.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Guava callback never ran");
            }
            return new Observed(caller, taskThread, callbackThread, beforeThread, afterThread, asyncThread,
                    guavaThread.get());
        }
    }

    /**
     * {@code callbacks} tasks that finish at once, each with a callback that takes
     * {@code callbackTime} on a single callback thread: the callbacks queue behind each other,
     * as they do on a Python process pool's result-handler thread.
     */
    public static SlowCallbacks slowCallbacksOnOneThread(int callbacks, Duration callbackTime) {
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callbacks, new ThreadFactoryBuilder().setNameFormat("worker-%d").build());
             ExecutorService single = Executors.newSingleThreadExecutor(
                     new ThreadFactoryBuilder().setNameFormat("callback-%d").build())) {
            var all = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < callbacks; i++) {
                int task = i;
                all.add(CompletableFuture.supplyAsync(() -> task, pool).thenAcceptAsync(v -> {
                    handled.add(v);
                    ranOn.add(Thread.currentThread());
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    log.info("slow callback for task {}", v);
                    try {
                        Thread.sleep(callbackTime);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        running.decrementAndGet();
                    }
                }, single));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
                return new SlowCallbacks(List.copyOf(handled), Set.copyOf(ranOn), peak.get(),
                Duration.ofNanos(System.nanoTime() - begin));
    }

    private static Thread currentThread(String what) {
        Thread current = Thread.currentThread();
        log.info("{}: runs on {}", what, current.getName());
        return current;
    }

    

    public static void main(String[] args) throws InterruptedException {
        var observed = whoRunsCallbacks();
        log.info("Notice: the same thenApply ran on {} once and on {} once: it depends on timing",
                observed.registeredBeforeCompletion().getName(), observed.registeredAfterCompletion().getName());
        var slow = slowCallbacksOnOneThread(5, Duration.ofMillis(400));
        log.info("5 instant tasks with 400 ms callbacks on one callback thread: {} ms", slow.elapsed().toMillis());
    }
}
