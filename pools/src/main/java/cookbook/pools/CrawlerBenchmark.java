package cookbook.pools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POOL-09. Python original: the "efficiency test" downloads a list of URLs with a thread
 * per URL, a thread pool's {@code map}, and {@code apply_async} plus {@code get}, timing each.
 *
 * <p>Here the pages come from a real local {@link HttpServer} on 127.0.0.1 (a free port)
 * that answers every request after a fixed latency, so the numbers mean something and the
 * run needs no network. Each strategy fetches every page with {@link HttpClient#send} and
 * returns the bodies in URL order; the server counts hits and how many requests it was
 * serving at once. {@link #main} prints the timing table.
 */
public final class CrawlerBenchmark {
    private static final Logger log = LoggerFactory.getLogger(CrawlerBenchmark.class);

    /** The seed's strategies, plus the Java answer for blocking IO: virtual threads. */
    public enum Strategy { THREAD_PER_URL, POOL_MAP, POOL_ASYNC, VIRTUAL_THREADS }

    /** One strategy's run: bodies in URL order, hits per path, most requests in flight, time. */
    public record Run(Strategy strategy, List<String> pages, Map<String, Integer> hitsPerPath, int peakInFlight,
                      Duration elapsed) {
    }

    private CrawlerBenchmark() {
    }

    /** Serves {@code /page/N} as the text {@code page N}, after some work (a latency). */
    static final class SlowServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers;
        private final Runnable work;
        private final Map<String, Integer> hits = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        // Only stores its parts: start() binds and starts the server, never a constructor.
        private SlowServer(HttpServer server, ExecutorService handlers, Runnable work) {
            this.server = server;
            this.handlers = handlers;
            this.work = work;
        }

        /** A server on a free loopback port that answers each request after {@code latency}. */
        static SlowServer start(Duration latency) throws IOException {
            return start(() -> pause(latency));
        }

        /** As above, with any {@code work} before each answer: a test passes a gate here. */
        static SlowServer start(Runnable work) throws IOException {
            var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            // The server answers on virtual threads, so it never becomes the bottleneck being measured.
            var handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("server-", 0).factory());
            var slow = new SlowServer(http, handlers, work);
            http.setExecutor(handlers);
            http.createContext("/page/", slow::answer);
            http.start();
            return slow;
        }

        private void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            hits.merge(path, 1, Integer::sum);
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                work.run();
                byte[] body = ("page " + path.substring("/page/".length())).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                // Also on failure: closing an unanswered exchange drops the connection, so the
                // client fails at once instead of waiting for an answer that never comes.
                inFlight.decrementAndGet();
                exchange.close();
            }
        }

        URI page(int n) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + n);
        }

        /** Hits since the last call, then starts counting afresh. */
        Map<String, Integer> takeHits() {
            var copy = new TreeMap<>(hits);
            hits.clear();
            return copy;
        }

        /** Most requests in flight since the last call, then starts counting afresh. */
        int takePeak() {
            return peak.getAndSet(0);
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.close();
        }
    }

    /** Runs every strategy against one server and returns one row per strategy. */
    public static List<Run> benchmark(int pages, int poolSize, Duration latency) throws IOException, InterruptedException {
        var runs = new ArrayList<Run>();
        log.info("starting the server and the client");
        try (var server = SlowServer.start(latency);
             ExecutorService clientThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 0).factory());
             HttpClient client = HttpClient.newBuilder().executor(clientThreads).version(HttpClient.Version.HTTP_1_1).build()) {
            List<URI> urls = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                urls.add(server.page(i));
            }
            // One warm-up request loads the HTTP classes and opens a connection, so the first
            // strategy in the table does not pay for that; then the counters start from zero.
            crawl(Strategy.POOL_MAP, urls.subList(0, 1), 1, client);
            server.takeHits();
            server.takePeak();
            for (Strategy strategy : Strategy.values()) {
                long begin = System.nanoTime();
                List<String> bodies = crawl(strategy, urls, poolSize, client);
                var elapsed = Duration.ofNanos(System.nanoTime() - begin);
                var run = new Run(strategy, bodies, server.takeHits(), server.takePeak(), elapsed);
                log.info("{}: {} pages in {} ms, at most {} in flight", strategy, bodies.size(), elapsed.toMillis(),
                        run.peakInFlight());
                runs.add(run);
            }
        }
        log.info("server stopped, client closed");
        return runs;
    }

    /** Fetches every URL with one strategy; the bodies come back in URL order. */
    static List<String> crawl(Strategy strategy, List<URI> urls, int poolSize, HttpClient client) throws InterruptedException {
        return crawl(strategy, urls.stream().<Callable<String>>map(url -> () -> fetch(client, url)).toList(), poolSize);
    }

    // tag::idiom[]
    /** Runs every fetch with one strategy; the results come back in the order of the fetches. */
    static <T> List<T> crawl(Strategy strategy, List<Callable<T>> fetches, int poolSize) throws InterruptedException {
        return switch (strategy) {
            case THREAD_PER_URL -> {
                // The seed's thread_multi: start a thread per URL, then wait for them all. Each
                // thread runs a FutureTask, whose get() waits for it as join() would, and also
                // hands back its body or its failure.
                var builder = Thread.ofPlatform().name("fetch-", 0);
                var tasks = new ArrayList<FutureTask<T>>();
                for (Callable<T> fetch : fetches) {
                    var task = new FutureTask<>(fetch);
                    builder.start(task);
                    tasks.add(task);
                }
                yield results(tasks);
            }
            // The seed's map: at most poolSize fetches at a time, results in input order.
            case POOL_MAP -> onPool(poolSize, pool -> pool.invokeAll(fetches));
            // The seed's apply_async: submit one by one, keep the futures, get() them after.
            case POOL_ASYNC -> onPool(poolSize, pool -> {
                var futures = new ArrayList<Future<T>>();
                fetches.forEach(f -> futures.add(pool.submit(f)));
                return futures;
            });
            case VIRTUAL_THREADS -> {
                try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-v-", 0).factory())) {
                    yield results(perTask.invokeAll(fetches));
                }
            }
        };
    }
    // end::idiom[]

    private interface Submitter<T> {
        List<Future<T>> submit(ExecutorService pool) throws InterruptedException;
    }

    private static <T> List<T> onPool(int poolSize, Submitter<T> submitter) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(poolSize,
                new ThreadFactoryBuilder().setNameFormat("fetch-pool-%d").build())) {
            return results(submitter.submit(pool));
        }
    }

    private static <T> List<T> results(List<? extends Future<T>> futures) throws InterruptedException {
        var bodies = new ArrayList<T>();
        for (Future<T> f : futures) {
            try {
                bodies.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a fetch failed", e.getCause());
            }
        }
        return bodies;
    }

    static String fetch(HttpClient client, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static void pause(Duration latency) {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering", e);
        }
    }

    public static void main(String[] args) throws Exception {
        int pages = 40;
        int poolSize = 4;
        var latency = Duration.ofMillis(100);
        log.info("{} pages, {} ms latency each, pools of {} threads", pages, latency.toMillis(), poolSize);
        log.info(String.format("%-16s %10s %10s", "strategy", "ms", "in flight"));
        for (Run run : benchmark(pages, poolSize, latency)) {
            log.info(String.format("%-16s %10d %10d", run.strategy(), run.elapsed().toMillis(), run.peakInFlight()));
        }
        log.info("A pool caps throughput at {} requests per {} ms; a thread per URL does not", poolSize, latency.toMillis());
    }
}
