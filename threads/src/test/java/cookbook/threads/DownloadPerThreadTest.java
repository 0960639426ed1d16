package cookbook.threads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.threads.DownloadPerThread.Download;
import cookbook.threads.DownloadPerThread.Mode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadPerThreadTest {
    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final int SIZE = 10_000;

    @Test
    @DisplayName("THR-04: one thread per download: every file holds the expected bytes, written by its own thread")
    void filesHaveTheExpectedBytes(@TempDir Path dir) throws IOException, InterruptedException {
        var outcome = DownloadPerThread.download(3, SIZE, LATENCY, dir, Mode.THREAD_PER_DOWNLOAD);

        assertEquals(List.of("download-1", "download-2", "download-3"),
                outcome.downloads().stream().map(Download::thread).toList());
        for (int id = 1; id <= 3; id++) {
            Path file = dir.resolve(id + ".mp4");
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(DownloadPerThread.videoBytes(id, SIZE), bytes, file.toString());
            // Its own video, not another's: the body is "video-<id>;" over and over.
            assertTrue(new String(bytes, StandardCharsets.US_ASCII).startsWith(("video-" + id + ";").repeat(3)), file.toString());
        }
    }

    @Test
    @DisplayName("THR-04: with a thread each, all three requests are in flight at once and the batch takes about one latency")
    void downloadsOverlap(@TempDir Path dir) throws IOException, InterruptedException {
        // The server answers nobody until all three requests wait together: only overlapping
        // downloads can finish, whatever the scheduler does.
        var outcome = DownloadPerThread.download(3, SIZE, LATENCY, dir, Mode.THREAD_PER_DOWNLOAD, 3);

        // Structure first: the server had all three waiting together.
        assertEquals(3, outcome.peakInFlight());
        assertTrue(outcome.elapsed().compareTo(LATENCY) >= 0, "elapsed " + outcome.elapsed());
        assertTrue(outcome.elapsed().compareTo(LATENCY.plusSeconds(5)) < 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("THR-04: one after another, the requests never overlap and the batch takes at least three latencies")
    void sequentialDoesNotOverlap(@TempDir Path dir) throws IOException, InterruptedException {
        String caller = Thread.currentThread().getName();

        var outcome = DownloadPerThread.download(3, SIZE, LATENCY, dir, Mode.SEQUENTIAL);

        assertEquals(1, outcome.peakInFlight());
        assertTrue(outcome.downloads().stream().allMatch(d -> d.thread().equals(caller)));
        assertTrue(outcome.elapsed().compareTo(LATENCY.multipliedBy(3)) >= 0, "elapsed " + outcome.elapsed());
    }

    @Test
    @DisplayName("THR-04: a download that fails fails the whole batch with its cause, and every download thread has ended")
    void failedDownloadFailsTheBatch(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-directory");

        var failure = assertThrows(CompletionException.class,
                () -> DownloadPerThread.download(2, SIZE, LATENCY, missing, Mode.THREAD_PER_DOWNLOAD));

        // The cause is the file that could not be written; LeakCheck proves no thread is left.
        assertInstanceOf(UncheckedIOException.class, failure.getCause());
        assertInstanceOf(IOException.class, failure.getCause().getCause());
    }

    @Test
    @DisplayName("THR-04: durations are printed for humans, 16 ms or 1.2 s, never PT0.016S")
    void durationsForHumans() {
        HumanDurations.check(DownloadPerThread::human);
    }
}
