package cookbook.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import cookbook.site.SiteGenerator;
import cookbook.site.SiteServer;

/**
 * {@code ./cookbook site} writes the side-by-side site and prints the {@code file://} address
 * of its index; {@code ./cookbook serve [port]} writes it and serves it on 127.0.0.1 until
 * Ctrl-C. A port that is not a number, out of range or taken is a one-line usage error.
 */
final class SiteCommands {
    static final int DEFAULT_PORT = 8000;

    /** How long {@code serve} serves: by default until the JVM is stopped (Ctrl-C). */
    interface Serving {
        void until(URI address) throws InterruptedException;
    }

    static final Serving UNTIL_STOPPED = address -> new CountDownLatch(1).await();

    private final Path root;
    private final Path siteDir;
    private final PrintStream out;
    private final PrintStream err;
    private final Serving serving;

    SiteCommands(Path root, Path siteDir, PrintStream out, PrintStream err, Serving serving) {
        this.root = root;
        this.siteDir = siteDir;
        this.out = out;
        this.err = err;
        this.serving = serving;
    }

    int site() {
        SiteGenerator.Result result = generate();
        out.println(result.index().toUri());
        return result.ok() ? Cookbook.OK : Cookbook.RECIPE_FAILED;
    }

    /** {@code rawPort} null: the default port. */
    int serve(String rawPort) {
        int port;
        try {
            port = rawPort == null ? DEFAULT_PORT : Integer.parseInt(rawPort.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            return usageError("'serve' takes a port number from 1 to 65535 (0: any free port), got '" + rawPort
                    + "'; e.g. ./cookbook serve " + DEFAULT_PORT);
        }
        try {
            Files.createDirectories(siteDir);
        } catch (IOException e) {
            err.println("cookbook: cannot create " + siteDir + ": " + e.getMessage());
            return Cookbook.RECIPE_FAILED;
        }
        // Bind first: a busy port is reported at once, before the site is written.
        try (SiteServer server = SiteServer.bind(siteDir, port, true)) {
            generate();
            server.start();
            out.println("Serving the cookbook at " + server.uri() + " (this machine only; Ctrl-C stops it)");
            out.flush();
            serving.until(server.uri());
            return Cookbook.OK;
        } catch (BindException e) {
            return usageError(e.getMessage() + "; pick another port, e.g. ./cookbook serve "
                    + (port == DEFAULT_PORT ? DEFAULT_PORT + 1 : DEFAULT_PORT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cookbook.OK;
        }
    }

    /** Writes the site; what is wrong in the sources goes to stderr, one line each. */
    private SiteGenerator.Result generate() {
        SiteGenerator.Result result = SiteGenerator.generate(root, siteDir, false);
        result.warnings().forEach(w -> err.println("cookbook: site: warning: " + w));
        result.errors().forEach(e -> err.println("cookbook: site: " + e));
        return result;
    }

    private int usageError(String message) {
        err.println("cookbook: " + message);
        return Cookbook.USAGE;
    }
}
