package cookbook.processes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-09. Python original: {@code Pipe()} gives parent and child one end each; the child
 * sends {@code [111, 22, 33, 44]}, the parent receives it and sends back {@code 666}, which
 * the child prints.
 *
 * <p>The child's stdout (read by the parent) and stdin (written by the parent) are the
 * two directions of the pipe. Python pickles whatever you {@code send()}; Java needs a
 * protocol, here a tiny framed one: a 2-byte magic number, a count, then that many
 * {@code int}s, through {@link DataOutputStream}, flushed after each frame. The child
 * writes its diagnostics to stderr so they can never corrupt the frames.
 *
 * <p>What to notice: every read has a deadline, and a child that crashes, hangs, or prints
 * something that is not a frame becomes a clear error with its exit code and the tail of
 * its stderr, instead of a parent blocked forever.
 */
public final class DuplexPipeProtocol {
    private static final Logger log = LoggerFactory.getLogger(DuplexPipeProtocol.class);
    /** Starts every frame; text printed by mistake cannot start with it by accident. */
    static final short MAGIC = (short) 0xCAFE;
    static final int MAX_COUNT = 1024;

    /**
     * How the child behaves: as agreed; chatty (a stray {@code System.out.println} first, which the child
     * has pointed at stderr); or in one of the ways children go wrong: text on the protocol stream where a
     * frame should be, a crash, a hang.
     */
    public enum ChildBehaviour { WELL_BEHAVED, CHATTY, PRINTS_GARBAGE, CRASHES, HANGS }

    /** What the parent received, when, what it sent, and the child's stderr and exit code. */
    public record Outcome(List<Integer> received, Duration receivedAfter, List<Integer> sent,
                          List<String> childStderr, int exitCode) {
    }

    private DuplexPipeProtocol() {
    }

    /**
     * Launches a child that waits {@code childPause}, sends its list and waits for a reply;
     * receives it (at most {@code timeout}), replies {@code reply}, and waits for the child.
     */
    public static Outcome exchange(ChildBehaviour behaviour, Duration childPause, List<Integer> reply,
                                   Duration timeout, Path dir) throws IOException, InterruptedException {
        Path err = dir.resolve("duplex-child.err");
        try (var readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("frame-reader-", 0).factory())) {
            long begin = System.nanoTime();
            Process child = new ProcessBuilder(javaCommand(FramedChild.class, behaviour.name(), childPause.toString()))
                    .redirectError(err.toFile())
                    .start();
            try {
                var fromChild = new DataInputStream(child.getInputStream());
                var toChild = new DataOutputStream(child.getOutputStream());

                // A blocking read has no timeout of its own: run it elsewhere, wait with one.
                var frame = readers.submit(() -> readFrame(fromChild));
                List<Integer> received;
                try {
                    received = frame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no frame from child " + child.pid() + " within "
                            + timeout.toMillis() + " ms"
                            + "; destroyed it" + stderrTail(err));
                } catch (ExecutionException e) {
                    // Give a dying child a moment, so its exit code and last words are known.
                    child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    throw new IllegalStateException("bad or missing frame from child " + child.pid() + ": "
                            + e.getCause().getMessage() + "; " + exitDescription(child) + stderrTail(err), e.getCause());
                }
                Duration receivedAfter = Duration.ofNanos(System.nanoTime() - begin);
                log.info("parent received {} after {} ms", received, receivedAfter.toMillis());

                writeFrame(toChild, reply);
                toChild.close();
                if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || child.exitValue() != 0) {
                    throw new IllegalStateException("child did not end cleanly: " + exitDescription(child) + stderrTail(err));
                }
                return new Outcome(received, receivedAfter, reply, Files.readAllLines(err), child.exitValue());
            } finally {
                // Also unblocks a reader still waiting on a hung child: its pipe closes.
                child.destroyForcibly();
            }
        }
    }

    // tag::idiom[]
    static void writeFrame(DataOutputStream out, List<Integer> values) throws IOException {
        out.writeShort(MAGIC);
        out.writeInt(values.size());
        for (int v : values) {
            out.writeInt(v);
        }
        out.flush();
    }

    static List<Integer> readFrame(DataInputStream in) throws IOException {
        short magic = in.readShort();
        if (magic != MAGIC) {
            throw new IOException(String.format("not a frame: header 0x%04x, expected 0x%04x (text on stdout?)",
                    magic, MAGIC));
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IOException("not a frame: count " + count + " outside 0.." + MAX_COUNT);
        }
        var values = new ArrayList<Integer>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readInt());
        }
        return List.copyOf(values);
    }
    // end::idiom[]

    private static String exitDescription(Process child) {
        return child.isAlive() ? "child still running" : "child exited with code " + child.exitValue();
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

    /** The child's {@code main}: {@code <behaviour> <pause>}. */
    public static final class FramedChild {
        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the frames: keep it, and point System.out at stderr so nothing else that
            // prints (a stray println, a library announcing itself) can get into them.
            var protocol = new DataOutputStream(System.out);
            System.setOut(System.err);
            var behaviour = ChildBehaviour.valueOf(args[0]);
            Thread.sleep(Duration.parse(args[1]));
            switch (behaviour) {
                case PRINTS_GARBAGE -> {
                    protocol.write("hello, I am text where a frame should be\n".getBytes(StandardCharsets.UTF_8));
                    protocol.flush();
                }
                case CRASHES -> throw new IllegalStateException("child gave up before sending anything");
                case HANGS -> Thread.sleep(Duration.ofSeconds(60));
                case WELL_BEHAVED, CHATTY -> {
                    if (behaviour == ChildBehaviour.CHATTY) {
                        System.out.println("hello from the child: this println lands on stderr");
                    }
                    writeFrame(protocol, List.of(111, 22, 33, 44));
                    System.err.println("child sent [111, 22, 33, 44]");
                    try (var in = new DataInputStream(System.in)) {
                        System.err.println("child received: " + readFrame(in));
                    } catch (EOFException e) {
                        System.err.println("parent closed the pipe without replying");
                        System.exit(2);
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-09-");
        try {
            var outcome = exchange(ChildBehaviour.WELL_BEHAVED, Duration.ofSeconds(1), List.of(666),
                    Duration.ofSeconds(20), dir);
            log.info("parent received {}; the child's stderr: {}", outcome.received(), outcome.childStderr());
            try {
                exchange(ChildBehaviour.PRINTS_GARBAGE, Duration.ZERO, List.of(666), Duration.ofSeconds(20), dir);
            } catch (IllegalStateException e) {
                log.info("a child printing to stdout breaks the protocol, and says so: {}", e.getMessage());
            }
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
