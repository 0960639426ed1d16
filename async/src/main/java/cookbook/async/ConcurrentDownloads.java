package cookbook.async;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-07. Python original: aiohttp fetches three comic images as three tasks, and each task
 * saves its bytes to a file named after the URL ({@code .jpg} added when the name has no dot).
 *
 * <p>{@link HttpClient#sendAsync} is the JDK's non-blocking client: it returns a
 * {@link CompletableFuture} at once, so three downloads are in flight together. Saving is
 * blocking file IO, so it runs on an IO executor ({@code thenApplyAsync}), not on the
 * client's own threads (the seed writes files inside the coroutine and blocks its loop).
 * Each download ends in a value, success or error, so one bad URL does not lose the others.
 */
public final class ConcurrentDownloads {
    private static final Logger log = LoggerFactory.getLogger(ConcurrentDownloads.class);

    /** One URL's fate: the file it was saved to, or the error it ran into. */
    public record Download(URI url, Optional<Path> file, Optional<String> error) {
    }

    /** Every download, the most requests the server saw at once, and the total time. */
    public record Outcome(List<Download> downloads, int peakInFlight, Duration elapsed) {
    }

    private ConcurrentDownloads() {
    }

    /**
     * A local stand-in for the comic site on 127.0.0.1 and a free port. It answers
     * {@code /comic/<name>} after {@code latency}, and 404 for names it does not know.
     * With {@code holdUntil > 1}, each answer also waits until that many requests are in
     * flight (at most 20 s): a client that does not overlap its downloads is exposed, because
     * its peak stays at 1.
     */
    public static final class ComicServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("comic-server-", 0).factory());
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        private ComicServer(Duration latency, int holdUntil) throws IOException {
            var arrivals = new CountDownLatch(holdUntil);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(handlers);
            server.createContext("/comic/", exchange -> {
                try (exchange) {
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    arrivals.countDown();
                    arrivals.await(20, TimeUnit.SECONDS);
                    Thread.sleep(latency);
                    String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
                    byte[] body = name.startsWith("missing") ? null : bytesOf(name);
                    inFlight.decrementAndGet();
                    if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Binds and starts the server; a constructor never starts threads (THR-07). */
        public static ComicServer start(Duration latency, int holdUntil) throws IOException {
            var comics = new ComicServer(latency, holdUntil);
            comics.server.start();
            return comics;
        }

        /** The bytes served for {@code name}: made up, but different for every name. */
        public static byte[] bytesOf(String name) {
            return ("picture of " + name + "\n").repeat(2_000).getBytes(StandardCharsets.UTF_8);
        }

        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        public int peakInFlight() {
            return peak.get();
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.close();
        }
    }

    /** {@code fetch_and_save}'s naming rule: the last path segment, plus .jpg if it has no dot. */
    public static String fileName(URI url) {
        String name = Path.of(url.getPath()).getFileName().toString();
        return name.contains(".") ? name : name + ".jpg";
    }

    // tag::idiom[]
    /** Starts every download at once, waits for all, and reports each one's fate. */
    public static List<Download> downloadAll(List<URI> urls, Path dir) {
        try (var io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("saver-", 0).factory());
             var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build()) {
            List<CompletableFuture<Download>> tasks = urls.stream()
                    .map(url -> fetchAndSave(client, url, dir, io))
                    .toList();
            // asyncio.wait(tasks): none of them fails, because each turned its error into a value.
            return tasks.stream().map(CompletableFuture::join).toList();
        }
    }

    private static CompletableFuture<Download> fetchAndSave(HttpClient client, URI url, Path dir, ExecutorService io) {
        log.info("start downloading: {}", url);
        // Even building the request can fail (a URL the client cannot fetch): starting from a
        // completed future turns that failure, like every later one, into this download's error.
        return CompletableFuture.completedFuture(url)
                .thenCompose(u -> client.sendAsync(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new CompletionException(new IOException("HTTP " + response.statusCode() + " for " + url));
                    }
                    return response.body();
                })
                // Writing a file blocks, so it gets its own (virtual) thread, not the client's.
                .thenApplyAsync(bytes -> save(bytes, dir.resolve(fileName(url))), io)
                .handle((file, error) -> error == null
                        ? new Download(url, Optional.of(file), Optional.empty())
                        : new Download(url, Optional.empty(), Optional.of(rootCause(error).toString())));
    }
    // end::idiom[]

    private static Path save(byte[] bytes, Path file) {
        log.info("start saving: {}", file.getFileName());
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? rootCause(t.getCause()) : t;
    }

    /** Serves {@code paths} with {@code latency}, downloads them all into {@code dir}, stops the server. */
    public static Outcome run(List<String> paths, Path dir, Duration latency, int holdUntil) throws IOException {
        try (var server = ComicServer.start(latency, holdUntil)) {
            long begin = System.nanoTime();
            List<Download> downloads = downloadAll(paths.stream().map(server::uri).toList(), dir);
            return new Outcome(downloads, server.peakInFlight(), Duration.ofNanos(System.nanoTime() - begin));
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("comics-");
        Outcome outcome = run(List.of("/comic/25.jpg", "/comic/26.jpg", "/comic/27", "/comic/missing.jpg"), dir,
                Duration.ofSeconds(1), 1);
        for (Download d : outcome.downloads()) {
            log.info("{} -> {}", d.url(), d.file().isPresent() ? d.file().get() : "failed: " + d.error().orElseThrow());
        }
        log.info("{} requests in flight at once; {} ms in all, about one latency, not four",
                outcome.peakInFlight(), outcome.elapsed().toMillis());
    }
}
