package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-08. Python original: a writer process puts lines on a {@code multiprocessing.Queue},
 * a reader process loops on {@code get()} forever and has to be terminated; and a parent
 * that joins a child before draining its queue.
 *
 * <p>Across JVMs the queue is a pipe. {@link ProcessBuilder#startPipeline} connects the
 * writer's stdout to the reader's stdin, like {@code writer | reader} without a shell; one
 * line is one message, and the reader ends by itself at end-of-input, so nothing needs
 * terminating. The second half is the classic pipe-buffer deadlock: a parent that calls
 * {@code waitFor()} without reading a child's output waits for a child that is itself
 * waiting for room in the full pipe. A timeout detects it; a drainer thread prevents it.
 */
public final class PipeBetweenProcesses {
    private static final Logger log = LoggerFactory.getLogger(PipeBetweenProcesses.class);

    /** What came out of the reader, and how both ends exited. */
    public record PipelineOutcome(List<String> readerOutput, int writerExit, int readerExit) {
    }

    /** The deadlock story: did the child finish without draining, and after? */
    public record FloodOutcome(boolean finishedOnFirstWait, long bytesDrained, boolean finishedAfterDraining,
                               int exitCode) {
    }

    private PipeBetweenProcesses() {
    }

    /** Writer puts {@code messages} with {@code pause} between them; reader reads until end-of-input. */
    public static PipelineOutcome pipeline(List<String> messages, Duration pause, Duration timeout, Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("reader.out");
        var writer = new ProcessBuilder(javaCommand(QueueWriter.class, pause.toString(), String.join(",", messages)))
                .redirectError(dir.resolve("writer.err").toFile());
        var reader = new ProcessBuilder(javaCommand(QueueReader.class))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("reader.err").toFile());
        List<Process> both = ProcessBuilder.startPipeline(List.of(writer, reader));
        try {
            // The writer gets nothing on stdin; close it so a stray read would see EOF.
            both.getFirst().getOutputStream().close();
            int writerExit = exitCode(both.get(0), timeout, dir.resolve("writer.err"));
            int readerExit = exitCode(both.get(1), timeout, dir.resolve("reader.err"));
            var lines = Files.readAllLines(out);
            log.info("writer exit {}, reader exit {}, reader said {}", writerExit, readerExit, lines);
            return new PipelineOutcome(lines, writerExit, readerExit);
        } finally {
            both.forEach(Process::destroyForcibly);
        }
    }

    /** BROKEN: waits for a child that writes {@code bytes} to stdout without reading them, then drains. */
    public static FloodOutcome waitBeforeDrainingDeadlocks(int bytes, Duration patience, Duration timeout, Path dir)
            throws IOException, InterruptedException {
        Process child = startFlood(bytes, dir);
        try {
            // The child fills the pipe (64 KiB on Linux) and blocks in write(); we block here.
            boolean finished = child.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
            log.info("waitFor({} ms) without draining returned {}", patience.toMillis(), finished);
            // The cure, applied late: read the pipe, and the child can finish.
            long drained = count(child.getInputStream());
            boolean after = child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("after draining {} bytes, waitFor returned {}", drained, after);
            return new FloodOutcome(finished, drained, after, after ? child.exitValue() : -1);
        } finally {
            child.destroyForcibly();
        }
    }

    /** FIXED: a drainer thread reads the child's stdout while the parent waits. */
    public static FloodOutcome waitWhileDraining(int bytes, Duration timeout, Path dir)
            throws IOException, InterruptedException {
        // tag::idiom[]
        Process child = startFlood(bytes, dir);
        // The drainer's result is a future: it completes when the pipe reaches end-of-input, or fails.
        var drained = new FutureTask<>(() -> count(child.getInputStream()));
        Thread drainer = Thread.ofPlatform().name("stdout-drainer").start(drained);
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("flood did not finish within " + timeout.toMillis() + " ms"
                        + stderrTail(dir.resolve("flood.err")));
            }
            long read = drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("with a drainer: finished, {} bytes read", read);
            return new FloodOutcome(true, read, true, child.exitValue());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("draining the flood failed" + stderrTail(dir.resolve("flood.err")), e);
        } finally {
            // Killing the child closes the pipe, so the drainer reaches end-of-input and ends.
            child.destroyForcibly();
            drainer.join();
        }
        // end::idiom[]
    }

    private static Process startFlood(int bytes, Path dir) throws IOException {
        return new ProcessBuilder(javaCommand(Flood.class, Integer.toString(bytes)))
                .redirectError(dir.resolve("flood.err").toFile())
                .start();
    }

    private static long count(InputStream in) throws IOException {
        try (in) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static int exitCode(Process p, Duration timeout, Path err) throws IOException, InterruptedException {
        try {
            int code = p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS).exitValue();
            if (code != 0) {
                throw new IllegalStateException("process " + p.pid() + " exited with code " + code + stderrTail(err));
            }
            return code;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("process " + p.pid() + " did not end within " + timeout.toMillis() + " ms"
                    + stderrTail(err), e);
        }
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

    /** Writer's {@code main}: {@code <pause> <m1,m2,...>}; one message per stdout line. */
    public static final class QueueWriter {
        public static void main(String[] args) throws InterruptedException {
            // stdout carries the messages: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream queue = System.out;
            System.setOut(System.err);
            Duration pause = Duration.parse(args[0]);
            for (String message : args[1].split(",")) {
                queue.println(message);
                // Flush each message, or the reader sees nothing until the buffer fills or the writer ends.
                queue.flush();
                System.err.println("put " + message);
                Thread.sleep(pause);
            }
        }
    }

    /** Reader's {@code main}: echoes each line as {@code read: <line>} until end-of-input. */
    public static final class QueueReader {
        public static void main(String[] args) throws IOException {
            // stdout carries what was read: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream out = System.out;
            System.setOut(System.err);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println("read: " + line);
            }
            out.println("end of input: the writer is done");
            out.flush();
        }
    }

    /** Flood's {@code main}: {@code <bytes>}; writes that many bytes to stdout, then exits. */
    public static final class Flood {
        public static void main(String[] args) {
            // stdout carries the data, counted to the byte: keep it, and point System.out at stderr.
            PrintStream out = System.out;
            System.setOut(System.err);
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'x');
            for (int left = Integer.parseInt(args[0]); left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.flush();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-08-");
        try {
            pipeline(List.of("A", "B", "C", "D", "E"), Duration.ofMillis(500), Duration.ofSeconds(20), dir);
            waitBeforeDrainingDeadlocks(1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(20), dir);
            waitWhileDraining(1 << 20, Duration.ofSeconds(20), dir);
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
