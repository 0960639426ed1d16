package cookbook.async;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-08. Python original: {@code gevent.monkey.patch_all()} turns blocking
 * {@code requests.get} calls into switch points, so three spawned greenlets download at once.
 *
 * <p>The JDK is "patched" already: when a virtual thread blocks (sleep, a socket read, a lock,
 * a queue), it unmounts from its carrier thread, and the carrier runs another virtual thread.
 * So plain blocking code, one virtual thread per task, runs ten thousand tasks at once on a
 * handful of platform threads. Unlike gevent, the carriers run in parallel: shared data
 * still needs the locks of the locks chapter.
 */
public final class BlockingTasksOnVirtualThreads {
    private static final Logger log = LoggerFactory.getLogger(BlockingTasksOnVirtualThreads.class);

    /**
     * How many tasks ran, how many were alive and blocked at the same moment, the carrier
     * threads that ran them, the live platform threads counted at that moment, and the time.
     */
    public record Outcome(int tasks, int peakAtOnce, Set<String> carriers, int platformThreadsMeanwhile,
                          Duration elapsed) {
    }

    private BlockingTasksOnVirtualThreads() {
    }

    /**
     * Runs {@code tasks} tasks, one virtual thread each. Every task checks in, waits until all
     * have checked in (proof that all are alive together), then blocks in {@code sleep(blockFor)},
     * the stand-in for {@code requests.get}.
     */
    public static Outcome run(int tasks, Duration blockFor) throws InterruptedException {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        var allCheckedIn = new CountDownLatch(tasks);
        int platformThreads;

        long begin = System.nanoTime();
        try (var executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("task-", 0).factory())) {
            for (int i = 0; i < tasks; i++) {
                executor.execute(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    carriers.add(carrierOf(Thread.currentThread()));
                    allCheckedIn.countDown();
                    try {
                        // If the tasks could not all be alive at once, this would time out.
                        allCheckedIn.await(20, TimeUnit.SECONDS);
                        Thread.sleep(blockFor);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    carriers.add(carrierOf(Thread.currentThread()));
                    running.decrementAndGet();
                });
            }
            allCheckedIn.await(20, TimeUnit.SECONDS);
            // The MXBean counts platform threads only: carriers yes, virtual threads no.
            platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return new Outcome(tasks, peak.get(), Set.copyOf(carriers), platformThreads,
                Duration.ofNanos(System.nanoTime() - begin));
    }

    /**
     * A mounted virtual thread prints as {@code VirtualThread[#22,task-0]/runnable@ForkJoinPool-1-worker-1}:
     * the part after the last {@code @} is the carrier it runs on right now.
     */
    static String carrierOf(Thread virtual) {
        String s = virtual.toString();
        return s.substring(s.lastIndexOf('@') + 1);
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome outcome = run(10_000, Duration.ofSeconds(1));
        log.info("{} blocking tasks, {} of them blocked at the same moment, in {} ms", outcome.tasks(),
                outcome.peakAtOnce(), outcome.elapsed().toMillis());
        log.info("they ran on {} carrier threads: {}", outcome.carriers().size(), outcome.carriers());
        log.info("the JVM had {} platform threads meanwhile ({} cores)", outcome.platformThreadsMeanwhile(),
                Runtime.getRuntime().availableProcessors());
    }
}
