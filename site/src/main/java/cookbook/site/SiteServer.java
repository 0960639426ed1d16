package cookbook.site;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import com.sun.net.httpserver.SimpleFileServer.OutputLevel;

/**
 * The site served over HTTP on the loopback address only, by the JDK's
 * {@link SimpleFileServer}: nothing outside this machine can reach it. Binding happens at
 * {@link #bind}, so a busy port is known before the site is written; {@link #start} serves.
 */
public final class SiteServer implements AutoCloseable {
    private final HttpServer server;

    private SiteServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: any free port) to serve the existing directory
     * {@code dir}; {@code log} prints one line per request.
     *
     * @throws BindException when the port is taken or may not be used, with a message saying which
     */
    public static SiteServer bind(Path dir, int port, boolean log) throws BindException {
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            return new SiteServer(SimpleFileServer.createFileServer(address, dir.toAbsolutePath().normalize(),
                    log ? OutputLevel.INFO : OutputLevel.NONE));
        } catch (UncheckedIOException e) {
            var failure = new BindException("cannot listen on " + address.getAddress().getHostAddress() + ":" + port + " ("
                    + e.getCause().getMessage() + ")");
            failure.initCause(e);
            throw failure;
        }
    }

    public SiteServer start() {
        server.start();
        return this;
    }

    /** The address of the index: {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/");
    }

    /** Stops serving and waits for the server's thread to end. */
    @Override
    public void close() {
        server.stop(0);
    }
}
