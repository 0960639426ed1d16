package cookbook.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-04. Python original: three videos are downloaded with requests.get, one thread per
 * URL, each writing its bytes to 1.mp4, 2.mp4, 3.mp4.
 *
 * <p>The network is a local {@link HttpServer} whose every answer takes a fixed latency, so
 * the recipe runs anywhere. One shared {@link HttpClient} (it is thread-safe) serves every
 * download; each download runs on its own named platform thread and streams the body
 * straight into its file. What to notice: the waits overlap, so three downloads take about
 * one latency instead of three, and the server saw all three requests in flight at once.
 */
public final class DownloadPerThread {
    private static final Logger log = LoggerFactory.getLogger(DownloadPerThread.class);

    public enum Mode { SEQUENTIAL, THREAD_PER_DOWNLOAD }

    /** One file written: where, how big, by which thread. */
    public record Download(Path file, long bytes, String thread) {
    }

    /** Every file, the most requests the server had in flight at once, and the wall time. */
    public record Outcome(List<Download> downloads, int peakInFlight, Duration elapsed) {
    }

    /** How long the server waits for requests to arrive together before answering 503. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private DownloadPerThread() {
    }

    /**
     * Downloads {@code files} videos of {@code size} bytes from a server that waits
     * {@code latency} before each answer, into {@code dir} as 1.mp4, 2.mp4, ...
     */
    public static Outcome download(int files, int size, Duration latency, Path dir, Mode mode)
            throws IOException, InterruptedException {
        return download(files, size, latency, dir, mode, 1);
    }

    /**
     * As above, but the server holds every answer until {@code together} requests are
     * waiting at once. With {@code together == files} only clients that really overlap their
     * requests get any answer (within the server's patience of {@link #PATIENCE}): a proof
     * of overlap that does not depend on how the threads happen to be scheduled.
     */
    public static Outcome download(int files, int size, Duration latency, Path dir, Mode mode, int together)
            throws IOException, InterruptedException {
        // The client runs its internal tasks on an executor this method owns and closes. Its
        // default pool is shut down from the client's own selector thread instead, and after a
        // failed download its idle workers were seen lingering for their full minute.
        try (var server = SlowVideoServer.start(latency, size, together);
             var clientTasks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 0).factory());
             var client = HttpClient.newBuilder().executor(clientTasks).connectTimeout(Duration.ofSeconds(10)).build()) {
            long begin = System.nanoTime();
            var downloads = fetchAll(client, server, files, dir, mode);
            return new Outcome(downloads, server.peakInFlight(), Duration.ofNanos(System.nanoTime() - begin));
        }
    }

    // tag::idiom[]
    /**
     * Fetches videos 1..files into 1.mp4, 2.mp4... One platform thread per download (or all in
     * the caller, for comparison). A failed download fails the whole batch with its cause.
     */
    static List<Download> fetchAll(HttpClient client, SlowVideoServer server, int files, Path dir, Mode mode)
            throws InterruptedException {
        List<CompletableFuture<Download>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int id = 1; id <= files; id++) {
            URI uri = server.uri(id);
            Path file = dir.resolve(id + ".mp4");
            var result = new CompletableFuture<Download>();
            results.add(result);
            // Every way out of the task completes its future, so the caller never waits forever.
            Runnable task = () -> {
                try {
                    result.complete(fetch(client, uri, file));
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            };
            if (mode == Mode.SEQUENTIAL) {
                task.run();
            } else {
                threads.add(Thread.ofPlatform().name("download-" + id).start(task));
            }
        }
        // join() is both "wait for the end" and the happens-before edge that makes each
        // thread's result visible here.
        for (Thread t : threads) {
            t.join();
        }
        // Every thread has ended, so every future is complete: getNow() never waits. It
        // returns the download, or throws the failure (as a CompletionException).
        return results.stream().map(result -> result.getNow(null)).toList();
    }
    // end::idiom[]

    private static Download fetch(HttpClient client, URI uri, Path file) {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            log.info("saved {} ({} bytes)", file.getFileName(), Files.size(file));
            return new Download(file, Files.size(file), Thread.currentThread().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading " + uri, e);
        }
    }

    /** The bytes video {@code id} consists of: its name repeated to {@code size} bytes. */
    public static byte[] videoBytes(int id, int size) {
        byte[] pattern = ("video-" + id + ";").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = pattern[i % pattern.length];
        }
        return body;
    }

    /** A stand-in for the video site: answers /video?id=N after a fixed latency. */
    static final class SlowVideoServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        /** Builds the server; it answers nothing until {@link #start} starts it. */
        private SlowVideoServer(Duration latency, int size, int together) throws IOException {
            var arrived = new CountDownLatch(together);
            // Loopback and port 0: nothing outside this machine can reach it, and the OS
            // picks a free port, so parallel builds never collide.
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/video", exchange -> {
                int now = inFlight.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                try (exchange) {
                    arrived.countDown();
                    if (!arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    Thread.sleep(latency);
                    int id = Integer.parseInt(exchange.getRequestURI().getQuery().substring("id=".length()));
                    byte[] body = videoBytes(id, size);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            // Each request gets its own virtual thread, so the server never serialises them.
            server.setExecutor(handlers);
        }

        /**
         * Builds, then starts: the constructor never starts a thread (THR-07), so the server's
         * dispatcher thread only ever sees a complete object.
         */
        static SlowVideoServer start(Duration latency, int size, int together) throws IOException {
            var slow = new SlowVideoServer(latency, size, together);
            slow.server.start();
            return slow;
        }

        URI uri(int id) {
            var address = server.getAddress();
            return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/video?id=" + id);
        }

        int peakInFlight() {
            return peak.get();
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.close();
        }
    }

    /** A duration as a reader wants it: {@code 16 ms}, {@code 1.2 s}. */
    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("videos");
        Duration latency = Duration.ofSeconds(1);
        var sequential = download(3, 100_000, latency, dir, Mode.SEQUENTIAL);
        log.info("one after another: {}, peak in flight {}", human(sequential.elapsed()), sequential.peakInFlight());
        var threaded = download(3, 100_000, latency, dir, Mode.THREAD_PER_DOWNLOAD);
        log.info("one thread each:   {}, peak in flight {}", human(threaded.elapsed()), threaded.peakInFlight());
        for (var d : threaded.downloads()) {
            Files.delete(d.file());
        }
        Files.delete(dir);
    }
}
