package cookbook.pools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * done: the same rule as Python's {@code add_done_callback}. To stop guessing, name the
 * thread: {@code thenApplyAsync(fn, executor)} or Guava's
 * {@link Futures#addCallback(ListenableFuture, FutureCallback, java.util.concurrent.Executor)},
 * which always takes an executor.
 */
public final class CallbackThreads {
    private static final Logger log = LoggerFactory.getLogger(CallbackThreads.class);

    /** The thread that ran each callback, and the caller that registered them. */
    public record Observed(String caller, String task, String registeredBeforeCompletion,
                           String registeredAfterCompletion, String thenApplyAsync, String guavaAddCallback) {
    }

    private CallbackThreads() {
    }

    public static Observed whoRunsCallbacks() throws InterruptedException {
        String caller = Thread.currentThread().getName();
        try (ExecutorService pool = Executors.newFixedThreadPool(2, new ThreadFactoryBuilder().setNameFormat("worker-%d").build());
             ExecutorService callbacks = Executors.newSingleThreadExecutor(
                     new ThreadFactoryBuilder().setNameFormat("callback-%d").build())) {

            // 1. The task is held at a gate while the callback is registered, so it is
            //    certainly not done yet: the worker that completes it runs the callback.
            var gate = new CountDownLatch(1);
            var taskThread = new AtomicReference<String>();
            CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(() -> {
                taskThread.set(Thread.currentThread().getName());
                awaitGate(gate);
                return 7;
            }, pool);
            CompletableFuture<String> before = pending.thenApply(v -> currentThread("callback registered before completion"));
            gate.countDown();
            String beforeThread = before.join();

            // 2. The future is already done when the callback arrives: the caller runs it,
            //    right inside thenApply, before thenApply even returns.
            CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> 7, pool);
            done.join();
            String afterThread = done.thenApply(v -> currentThread("callback registered after completion")).join();

            // 3. The Async variant with an executor says where the callback runs, always.
            String asyncThread = done.thenApplyAsync(v -> currentThread("thenApplyAsync on the callback executor"),
                    callbacks).join();

            // 4. Guava's ListenableFuture has no executor-less callback: the choice is explicit.
            ListeningExecutorService listening = MoreExecutors.listeningDecorator(pool);
            ListenableFuture<Integer> listenable = listening.submit(() -> 7);
            var guavaThread = new AtomicReference<String>();
            var called = new CountDownLatch(1);
            Futures.addCallback(listenable, new FutureCallback<>() {
                @Override
                public void onSuccess(Integer result) {
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
            return new Observed(caller, taskThread.get(), beforeThread, afterThread, asyncThread, guavaThread.get());
        }
    }

    /**
     * {@code callbacks} tasks that finish at once, each with a callback that takes
     * {@code callbackTime} on a single callback thread: the callbacks queue behind each other,
     * as they do on a Python process pool's result-handler thread. Returns the time until the
     * last callback is done.
     */
    public static Duration slowCallbacksOnOneThread(int callbacks, Duration callbackTime) {
        long begin = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callbacks, new ThreadFactoryBuilder().setNameFormat("worker-%d").build());
             ExecutorService single = Executors.newSingleThreadExecutor(
                     new ThreadFactoryBuilder().setNameFormat("callback-%d").build())) {
            var all = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < callbacks; i++) {
                int task = i;
                all.add(CompletableFuture.supplyAsync(() -> task, pool).thenAcceptAsync(v -> {
                    log.info("slow callback for task {}", v);
                    try {
                        Thread.sleep(callbackTime);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, single));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static String currentThread(String what) {
        String name = Thread.currentThread().getName();
        log.info("{}: runs on {}", what, name);
        return name;
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        var observed = whoRunsCallbacks();
        log.info("{}", observed);
        log.info("Notice: the same thenApply ran on {} once and on {} once: it depends on timing",
                observed.registeredBeforeCompletion(), observed.registeredAfterCompletion());
        var took = slowCallbacksOnOneThread(5, Duration.ofMillis(400));
        log.info("5 instant tasks with 400 ms callbacks on one callback thread: {} ms", took.toMillis());
    }
}
