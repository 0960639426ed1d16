package cookbook.site;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteServerTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("serves the directory on 127.0.0.1, pages as text/html, stylesheets as text/css")
    void servesOnLoopback() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>t</title>");
        Files.writeString(dir.resolve("site.css"), "body{}");
        try (var server = SiteServer.bind(dir, 0, false).start();
             var client = HttpClient.newHttpClient()) {
            assertEquals("127.0.0.1", server.uri().getHost());
            var index = client.send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("<title>t</title>"));
            assertTrue(index.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            var css = client.send(HttpRequest.newBuilder(server.uri().resolve("site.css")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"), css.headers().toString());
        }
    }

    @Test
    @DisplayName("a busy port is a BindException that names the address")
    void busyPort() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var e = assertThrows(BindException.class, () -> SiteServer.bind(dir, taken.getLocalPort(), false));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
