package cookbook.pools;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
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

    /** Serves {@code /page/N} as the text {@code page N}, after {@code latency}. */
    static final class SlowServer implements AutoCloseable {
        private final HttpServer server;
        // The server answers on virtual threads, so it never becomes the bottleneck being measured.
        private final ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("server-", 0).factory());
        private final Map<String, Integer> hits = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        SlowServer(Duration latency) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            server.setExecutor(handlers);
            server.createContext("/page/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                hits.merge(path, 1, Integer::sum);
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(latency);
                    byte[] body = ("page " + path.substring("/page/".length())).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                    exchange.close();
                }
            });
            server.start();
        }

        URI page(int n) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + n);
        }

        /** Hits and peak since the last call, then starts counting afresh. */
        Map<String, Integer> takeHits() {
            var copy = new TreeMap<>(hits);
            hits.clear();
            return copy;
        }

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
        try (var server = new SlowServer(latency);
             ExecutorService clientThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 0).factory());
             HttpClient client = HttpClient.newBuilder().executor(clientThreads).version(HttpClient.Version.HTTP_1_1).build()) {
            List<URI> urls = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                urls.add(server.page(i));
            }
            // One warm-up request loads the HTTP classes and opens a connection, so the first
            // strategy in the table does not pay for that; then the counters start from zero.
            call(() -> fetch(client, urls.getFirst()));
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
        List<Callable<String>> fetches = urls.stream().<Callable<String>>map(url -> () -> fetch(client, url)).toList();
        return switch (strategy) {
            case THREAD_PER_URL -> {
                // The seed's thread_multi: start a thread per URL, then join them all.
                var bodies = new String[urls.size()];
                var threads = new ArrayList<Thread>();
                for (int i = 0; i < urls.size(); i++) {
                    int index = i;
                    threads.add(Thread.ofPlatform().name("fetch-" + i).start(() -> bodies[index] = call(fetches.get(index))));
                }
                // join() also makes each thread's write to bodies visible here.
                for (Thread t : threads) {
                    t.join();
                }
                for (String body : bodies) {
                    if (body == null) {
                        throw new IllegalStateException("a fetch thread failed: see its stack trace above");
                    }
                }
                yield List.of(bodies);
            }
            case POOL_MAP -> onPool(poolSize, pool -> pool.invokeAll(fetches));
            // The seed's thread_async: submit one by one, keep the futures, get() them after.
            case POOL_ASYNC -> onPool(poolSize, pool -> {
                var futures = new ArrayList<Future<String>>();
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

    private interface Submitter {
        List<Future<String>> submit(ExecutorService pool) throws InterruptedException;
    }

    private static List<String> onPool(int poolSize, Submitter submitter) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(poolSize,
                new ThreadFactoryBuilder().setNameFormat("fetch-pool-%d").build())) {
            return results(submitter.submit(pool));
        }
    }

    private static List<String> results(List<Future<String>> futures) throws InterruptedException {
        var bodies = new ArrayList<String>();
        for (Future<String> f : futures) {
            try {
                bodies.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a fetch failed", e.getCause());
            }
        }
        return bodies;
    }

    private static String fetch(HttpClient client, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String call(Callable<String> fetch) {
        try {
            return fetch.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
