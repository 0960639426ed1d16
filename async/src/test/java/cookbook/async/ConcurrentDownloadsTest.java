package cookbook.async;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.async.ConcurrentDownloads.ComicServer;
import cookbook.async.ConcurrentDownloads.Download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentDownloadsTest {
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final List<String> PATHS = List.of("/comic/25.jpg", "/comic/26.jpg", "/comic/x", "/comic/missing.jpg");

    /**
     * The JDK's HTTP client and server are slow to load the first time (TLS set-up, class
     * loading: many seconds on a loaded machine). One download before the tests pays for that,
     * so no test's time depends on being first.
     */
    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        ConcurrentDownloads.run(List.of("/comic/warm-up.jpg"), dir, Duration.ZERO, 1);
    }

    @Test
    @DisplayName("ASYNC-07: every file is saved with the right bytes, and the failing URL reports its error without losing the others")
    void everyFileSavedAndTheFailureReported(@TempDir Path dir) throws IOException {
        var outcome = ConcurrentDownloads.run(PATHS, dir, LATENCY, 1);

        List<Download> downloads = outcome.downloads();
        assertEquals(4, downloads.size());
        for (String name : List.of("25.jpg", "26.jpg", "x")) {
            Path saved = dir.resolve(name.contains(".") ? name : name + ".jpg");
            assertArrayEquals(ComicServer.bytesOf(name), Files.readAllBytes(saved), saved.toString());
        }
        assertEquals(List.of(true, true, true, false), downloads.stream().map(d -> d.file().isPresent()).toList());
        assertTrue(downloads.get(3).error().orElseThrow().contains("404"), downloads.get(3).toString());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no file for the failed download");
        }
    }

    @Test
    @DisplayName("ASYNC-07: the downloads overlap: the server sees all four requests in flight at once")
    void downloadsOverlap(@TempDir Path dir) throws IOException {
        // The server holds every answer until four requests are in: a one-at-a-time client would stay at 1.
        var outcome = ConcurrentDownloads.run(PATHS, dir, LATENCY, 4);

        assertEquals(4, outcome.peakInFlight());
        assertTrue(outcome.elapsed().compareTo(LATENCY) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(LATENCY.plusSeconds(10)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("ASYNC-07: a URL the client cannot even request ends as that download's error; the others are still saved")
    void unrequestableUrlIsAnError(@TempDir Path dir) throws IOException {
        try (var server = ComicServer.start(LATENCY, 1)) {
            URI ftp = URI.create("ftp://127.0.0.1/comic/26.jpg");

            List<Download> downloads = ConcurrentDownloads.downloadAll(List.of(server.uri("/comic/25.jpg"), ftp), dir);

            assertArrayEquals(ComicServer.bytesOf("25.jpg"), Files.readAllBytes(dir.resolve("25.jpg")));
            assertEquals(ftp, downloads.get(1).url());
            assertTrue(downloads.get(1).file().isEmpty());
            assertTrue(downloads.get(1).error().orElseThrow().startsWith("java.lang.IllegalArgumentException"),
                    downloads.get(1).toString());
        }
    }

    @Test
    @DisplayName("ASYNC-07: the file name is the URL's last segment, with .jpg added when it has no dot")
    void fileNames() {
        assertEquals("25.jpg", ConcurrentDownloads.fileName(URI.create("http://h/comic/25.jpg")));
        assertEquals("x.jpg", ConcurrentDownloads.fileName(URI.create("http://h/comic/x")));
    }
}
