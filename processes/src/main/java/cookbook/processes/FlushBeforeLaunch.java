package cookbook.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-04. Python original: the parent writes a name to a file without flushing and forks; the
 * unflushed buffer is copied into the child, so the name lands in the file twice.
 *
 * <p>In Java a {@link java.io.BufferedWriter}'s buffer is an array on the parent's heap;
 * the child JVM never gets a copy, so nothing can be written twice. What still matters is
 * <em>when</em> the parent flushes: text still in its buffer reaches the file only at
 * {@code flush()}/{@code close()}, after whatever the child wrote in the meantime.
 *
 * <p>What to notice: without a flush the file reads {@code alex, Wu Peiqi} (the child's
 * line first); with {@code flush()} before the launch it reads {@code Wu Peiqi, alex}.
 * Never three lines.
 */
public final class FlushBeforeLaunch {
    private static final Logger log = LoggerFactory.getLogger(FlushBeforeLaunch.class);

    private FlushBeforeLaunch() {
    }

    /**
     * The parent appends {@code Wu Peiqi} through a buffered writer, optionally flushes, starts
     * a child that appends {@code alex} and waits for it, then closes its writer.
     *
     * @return the lines of {@code file} at the end
     */
    public static List<String> run(Path file, boolean flushBeforeLaunch, Duration timeout)
            throws IOException, InterruptedException {
        Path err = file.resolveSibling(file.getFileName() + ".child.err");
        // tag::idiom[]
        // Both sides append: neither overwrites what the other wrote, whatever the order.
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            writer.write("Wu Peiqi\n");
            if (flushBeforeLaunch) {
                writer.flush();
            }
            log.info("parent wrote 'Wu Peiqi' ({})", flushBeforeLaunch ? "flushed" : "still in its buffer");

            Process child = new ProcessBuilder(javaCommand(AppendingChild.class, file.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("child did not finish within " + timeout.toMillis() + " ms"
                            + stderrTail(err));
                }
                if (child.exitValue() != 0) {
                    throw new IllegalStateException("child exited with code " + child.exitValue() + stderrTail(err));
                }
            } finally {
                child.destroyForcibly();
            }
            log.info("child appended 'alex' and exited; the file now holds {}", Files.readAllLines(file));
        }
        // end::idiom[]
        // Closing the writer flushed whatever was left in its buffer, once.
        var lines = Files.readAllLines(file);
        log.info("after the parent closed its writer: {}", lines);
        return lines;
    }

    // Java has no fork(): a child is a new JVM, the same java and class path, a nested class as main. The
    // JVM's own warnings would go to stdout, where a child may be speaking a protocol: send them to stderr.
    // A child that touches a class with a static SLF4J logger would start the parent's logging framework
    // (seconds of start-up on a busy machine, and output of its own): children get SLF4J's no-op provider.
    static List<String> javaCommand(Class<?> main, String... args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String stderrTail(Path err) throws IOException {
        List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
        return "; last lines of its stderr:\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /** The child's {@code main}: appends {@code alex} to the file named by its argument. */
    public static final class AppendingChild {
        public static void main(String[] args) throws IOException {
            Files.writeString(Path.of(args[0]), "alex\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-04-");
        try {
            log.info("no flush before the launch: {}", run(dir.resolve("x1.txt"), false, Duration.ofSeconds(20)));
            log.info("flush before the launch:    {}", run(dir.resolve("x2.txt"), true, Duration.ofSeconds(20)));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
