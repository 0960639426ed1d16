package cookbook.async;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-08. Python original: {@code gevent.monkey.patch_all()} turns blocking
 * {@code requests.get} calls into switch points, so three spawned greenlets download at once.
 *
 * <p>The JDK is "patched" already: when a virtual thread blocks (a socket read, a sleep, a lock,
 * a queue), it unmounts from its carrier thread, and the carrier runs another virtual thread.
 * So plain blocking code, one virtual thread per task, keeps thousands of calls waiting at once
 * on a handful of platform threads. Unlike gevent, the carriers run in parallel: shared data
 * still needs the locks of the locks chapter.
 */
public final class BlockingTasksOnVirtualThreads {
    private static final Logger log = LoggerFactory.getLogger(BlockingTasksOnVirtualThreads.class);

    /** What one task does: plain blocking code that returns a line to report. */
    @FunctionalInterface
    public interface BlockingCall {
        String call(int task) throws Exception;
    }

    /**
     * How many tasks ran, how many were alive at the same moment, what each returned (in task
     * order), the shortest time one blocking call took, the carrier threads that ran them, the
     * live platform threads counted while all were alive, and the time in all.
     */
    public record Outcome(int tasks, int peakAtOnce, List<String> results, Duration shortestCall, Set<String> carriers,
                          int platformThreadsMeanwhile, Duration elapsed) {
    }

    private BlockingTasksOnVirtualThreads() {
    }

    // tag::idiom[]
    /** {@code gevent.spawn} for every task, then {@code joinall}: one virtual thread each, plain blocking code inside. */
    public static Outcome run(int tasks, BlockingCall call) throws InterruptedException {
        var watch = new Watch(tasks);
        var results = new ArrayList<Future<String>>();
        try (var executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("task-", 0).factory())) {
            for (int i = 0; i < tasks; i++) {
                int task = i;
                results.add(executor.submit(() -> watch.observe(() -> call.call(task))));
            }
            watch.awaitAllAlive();
        } // close() is joinall: it waits for every task
        return watch.outcome(results);
    }

    /** gevent's example: {@code requests} blocking GETs to a local server that answers each after {@code latency}. */
    public static Outcome getAll(int requests, Duration latency) throws IOException, InterruptedException {
        try (var server = SlowServer.start(latency);
             var clientThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 0).factory());
             var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build()) {
            return run(requests, task -> get(client, server.uri(task)));
        }
    }

    /** The seed's {@code f(url)}: a plain blocking {@code HttpClient.send}, which parks a virtual thread. */
    static String get(HttpClient client, URI url) throws IOException, InterruptedException {
        log.info("GET: {}", url);
        var response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        String received = response.body().length + " bytes received from " + url + ".";
        log.info(received);
        return received;
    }
    // end::idiom[]

    /**
     * What the tasks are watched for: each checks in and waits until all have (proof that all
     * are alive together), and notes its carrier before and after its blocking call.
     */
    private static final class Watch {
        private final long begin = System.nanoTime();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicLong shortestCallNanos = new AtomicLong(Long.MAX_VALUE);
        private final Set<String> carriers = ConcurrentHashMap.newKeySet();
        private final CountDownLatch allCheckedIn;
        private int platformThreads;

        Watch(int tasks) {
            allCheckedIn = new CountDownLatch(tasks);
        }

        String observe(Callable<String> call) throws Exception {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            carriers.add(carrierOf(Thread.currentThread()));
            allCheckedIn.countDown();
            try {
                // If the tasks could not all be alive at once, this would time out.
                allCheckedIn.await(20, TimeUnit.SECONDS);
                long start = System.nanoTime();
                String result = call.call();
                shortestCallNanos.accumulateAndGet(System.nanoTime() - start, Math::min);
                return result;
            } finally {
                carriers.add(carrierOf(Thread.currentThread()));
                running.decrementAndGet();
            }
        }

        void awaitAllAlive() throws InterruptedException {
            allCheckedIn.await(20, TimeUnit.SECONDS);
            // The MXBean counts platform threads only: carriers yes, virtual threads no.
            platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        }

        Outcome outcome(List<Future<String>> results) {
            return new Outcome(results.size(), peak.get(), results.stream().map(Watch::reportOf).toList(),
                    Duration.ofNanos(shortestCallNanos.get()), Set.copyOf(carriers), platformThreads,
                    Duration.ofNanos(System.nanoTime() - begin));
        }

        /** A task's result, or what it failed with: one failure must not hide the others' results. */
        private static String reportOf(Future<String> task) {
            return task.state() == Future.State.SUCCESS ? task.resultNow() : "failed: " + task.exceptionNow();
        }
    }

    /** Ten thousand tasks whose blocking call is a plain {@code Thread.sleep}. */
    public static Outcome sleepAll(int tasks, Duration blockFor) throws InterruptedException {
        return run(tasks, task -> {
            Thread.sleep(blockFor);
            return "slept";
        });
    }

    /**
     * A mounted virtual thread prints as {@code VirtualThread[#22,task-0]/runnable@ForkJoinPool-1-worker-1}:
     * the part after the last {@code @} is the carrier it runs on right now.
     */
    static String carrierOf(Thread virtual) {
        String s = virtual.toString();
        return s.substring(s.lastIndexOf('@') + 1);
    }

    /**
     * A local stand-in for the web: on 127.0.0.1 and a free port, it answers {@code /page/<n>}
     * with {@link #pageOf(int)} after holding the request for {@code latency}.
     */
    public static final class SlowServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("server-", 0).factory());

        private SlowServer(Duration latency) throws IOException {
            // Loopback only, with a backlog large enough for every request to connect at once.
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_000);
            server.setExecutor(handlers);
            server.createContext("/page/", exchange -> {
                try (exchange) {
                    Thread.sleep(latency);
                    String path = exchange.getRequestURI().getPath();
                    byte[] body = pageOf(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Binds and starts the server; a constructor never starts threads (THR-07). */
        public static SlowServer start(Duration latency) throws IOException {
            var slow = new SlowServer(latency);
            slow.server.start();
            return slow;
        }

        /** The page served for {@code n}: made up, a different length for every n. */
        public static byte[] pageOf(int n) {
            return ("page " + n + "\n").repeat(n + 1).getBytes(StandardCharsets.UTF_8);
        }

        public URI uri(int n) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + n);
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.close();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Outcome gets = getAll(100, Duration.ofSeconds(1));
        log.info("{} GETs each held 1000 ms by the server took {} ms in all, on {} carrier threads: {}", gets.tasks(),
                gets.elapsed().toMillis(), gets.carriers().size(), gets.carriers());
        Outcome sleeps = sleepAll(10_000, Duration.ofSeconds(1));
        log.info("{} sleeping tasks, {} of them alive at the same moment, {} ms in all", sleeps.tasks(),
                sleeps.peakAtOnce(), sleeps.elapsed().toMillis());
        log.info("they ran on {} carrier threads; the JVM had {} platform threads meanwhile ({} cores)",
                sleeps.carriers().size(), sleeps.platformThreadsMeanwhile(), Runtime.getRuntime().availableProcessors());
    }
}
