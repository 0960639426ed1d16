package cookbook.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./cookbook site} and {@code ./cookbook serve [port]}, with the site written to a
 * temporary directory. Writing the real site parses every recipe and test (a few seconds, more
 * on a loaded machine and in a cold JVM): those two tests get more than the default 30 s.
 */
class SiteCommandsTest {
    @TempDir
    Path siteDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cookbook(SiteCommands.Serving serving, String... args) {
        return new Cookbook(RecipeRegistry.load(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), siteDir, serving).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("site: writes a page per recipe and prints the file:// address of the index")
    void siteWritesAndPrintsTheIndex() {
        assertEquals(Cookbook.OK, cookbook(SiteCommands.UNTIL_STOPPED, "site"), err());
        URI index = URI.create(out().strip().lines().toList().getLast());
        assertEquals("file", index.getScheme());
        assertEquals(siteDir.resolve("index.html").toUri(), index);
        for (Recipe recipe : RecipeRegistry.load().all()) {
            assertTrue(Files.isRegularFile(siteDir.resolve(recipe.module()).resolve(recipe.id() + ".html")), recipe.id());
        }
        assertTrue(err().lines().allMatch(l -> l.startsWith("cookbook: site: ")), err());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("serve: answers on 127.0.0.1 with the index while serving, and says where")
    void serveAnswersOnLoopback() throws Exception {
        var status = new AtomicReference<Integer>();
        var served = new AtomicReference<URI>();
        SiteCommands.Serving fetchOnce = address -> {
            served.set(address);
            try (var client = HttpClient.newHttpClient()) {
                status.set(client.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            } catch (IOException e) {
                throw new AssertionError("the server did not answer: " + e, e);
            }
        };
        assertEquals(Cookbook.OK, cookbook(fetchOnce, "serve", "0"), err());
        assertEquals(200, status.get());
        assertEquals("127.0.0.1", served.get().getHost());
        assertTrue(out().contains("Serving the cookbook at " + served.get()), out());
        assertTrue(Files.isRegularFile(siteDir.resolve("index.html")));
    }

    @Test
    @DisplayName("serve: a port that is not a number or out of range exits 2 with one line, before writing anything")
    void badPortIsAUsageError() throws IOException {
        for (String port : List.of("abc", "70000", "-1", "80.5")) {
            assertEquals(Cookbook.USAGE, cookbook(SiteCommands.UNTIL_STOPPED, "serve", port), port);
        }
        assertEquals(Cookbook.USAGE, cookbook(SiteCommands.UNTIL_STOPPED, "serve", "8000", "extra"));
        assertEquals(5, err().lines().count(), err());
        assertTrue(err().lines().limit(4).allMatch(l -> l.startsWith("cookbook: 'serve' takes a port number")), err());
        try (var files = Files.list(siteDir)) {
            assertFalse(files.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    @DisplayName("serve: a busy port exits 2 with one line naming it, before writing the site")
    void busyPortIsAUsageError() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(Cookbook.USAGE, cookbook(SiteCommands.UNTIL_STOPPED, "serve", String.valueOf(port)));
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("cookbook: cannot listen on 127.0.0.1:" + port + " ("), err());
            assertTrue(err().contains("pick another port"), err());
        }
        assertFalse(Files.exists(siteDir.resolve("index.html")), "the site is not written for a server that cannot start");
    }

    @Test
    @DisplayName("site takes no arguments; help lists site and serve")
    void siteUsage() {
        assertEquals(Cookbook.USAGE, cookbook(SiteCommands.UNTIL_STOPPED, "site", "now"));
        assertEquals("cookbook: 'site' takes no arguments", err().strip());
        assertEquals(Cookbook.OK, cookbook(SiteCommands.UNTIL_STOPPED, "help"));
        assertTrue(out().contains("./cookbook site") && out().contains("./cookbook serve [port]"), out());
    }
}
