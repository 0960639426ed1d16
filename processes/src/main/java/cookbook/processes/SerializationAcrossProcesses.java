package cookbook.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-18. Python original: whatever a child process receives must be picklable: numbers, strings,
 * containers, top-level functions and classes, but not lambdas, open files or thread locks.
 *
 * <p>A Java child receives strings (arguments, environment) and bytes (streams). Objects cross as bytes
 * made by {@link ObjectOutputStream}: here each message is one length-prefixed frame on the child's
 * stdin, and each reply one frame on its stdout. What can cross: records and classes that implement
 * {@link Serializable}, and lambdas cast to {@code Serializable}, as long as the child has the same
 * classes on its class path. What cannot: a {@link Thread}, a lock, a socket or a stream, and a plain
 * lambda; pass a path or a port and reopen it on the other side. The child reads through an
 * {@link ObjectInputFilter} that accepts only the classes it expects: deserialising anything else
 * runs that class's code, so untrusted bytes must never be read without one. Nothing is allocated on
 * a peer's word: a frame's length is checked before its buffer exists, and the filter checks depth,
 * array lengths and references before the objects they describe are made.
 */
public final class SerializationAcrossProcesses {
    private static final Logger log = LoggerFactory.getLogger(SerializationAcrossProcesses.class);

    /** The seed's "picklable argument": a record, serialisable by declaration. */
    public record Task(int id, List<Integer> data) implements Serializable {
    }

    /** What the child sends back: a value, or why it refused the message. */
    public record Reply(boolean ok, Object value, String error) implements Serializable {
    }

    /** Serialisable, but not on the child's allowlist: stands for a gadget an attacker might send. */
    public record Unexpected(String note) implements Serializable {
    }

    /** Has a field that can never cross: a thread lives and dies in its own process. */
    public record WithThread(String name, Thread worker) implements Serializable {
    }

    /** A lambda that can cross: the intersection cast makes the compiler generate its serial form. */
    public static Function<Integer, Integer> serializableTripler() {
        return (Function<Integer, Integer> & Serializable) x -> x * 3;
    }

    /** The same lambda without the cast: it stays in the process that made it. */
    public static Function<Integer, Integer> plainTripler() {
        return x -> x * 3;
    }

    private SerializationAcrossProcesses() {
    }

    /** Serialises in memory: a NotSerializableException here happens before any child is involved. */
    public static byte[] serialize(Object message) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        }
        return bytes.toByteArray();
    }

    // tag::idiom[]
    /** The largest frame either side accepts. */
    static final int MAX_FRAME = 64 * 1024;

    /**
     * The child's allowlist: exactly the classes these messages are made of, then reject the rest; and
     * limits on nesting, array lengths (checked before an array is allocated), references and bytes. A
     * serialisable lambda arrives as a {@code SerializedLambda} naming the class that wrote it, so that
     * class must be allowed (and present) too, and so must the lambda class it resolves to.
     */
    static final ObjectInputFilter CHILD_FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=10;maxarray=10000;maxrefs=10000;maxbytes=" + MAX_FRAME + ";" + Task.class.getName()
            + ";java.lang.Integer;java.lang.Number;java.lang.String;java.util.*;java.lang.invoke.SerializedLambda;"
            + "java.lang.Object;" + SerializationAcrossProcesses.class.getName() + ";"
            + SerializationAcrossProcesses.class.getName() + "$$Lambda*;!*");

    static final ObjectInputFilter PARENT_FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=10;maxarray=10000;maxrefs=10000;maxbytes=" + MAX_FRAME + ";" + Reply.class.getName() + ";"
            + Task.class.getName() + ";java.lang.*;java.util.*;!*");

    /** Reads one frame; its length is checked before it is used, so a bad prefix allocates nothing. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        // new byte[Integer.MAX_VALUE] would be an OutOfMemoryError, a negative size another crash.
        if (length < 0 || length > MAX_FRAME) {
            throw new StreamCorruptedException("frame of " + length + " bytes refused: the limit is " + MAX_FRAME
                    + " bytes; is the other side speaking this protocol?");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    static Object deserialize(byte[] bytes, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
    // end::idiom[]

    private static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    /** A child JVM that answers framed objects; one message at a time. */
    public static final class ObjectChannel implements AutoCloseable {
        private final Process child;
        private final Path stderr;
        private final DataOutputStream toChild;
        private final DataInputStream fromChild;
        // Reads happen here so the caller can give up after a timeout instead of blocking forever.
        private final ExecutorService reader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("object-channel-reader").factory());

        public ObjectChannel(Path dir) throws IOException {
            stderr = dir.resolve("object-child.err");
            child = launch(ChildMain.class, stderr);
            toChild = new DataOutputStream(child.getOutputStream());
            fromChild = new DataInputStream(child.getInputStream());
        }

        public Reply send(Object message, Duration timeout) throws IOException, InterruptedException {
            byte[] frame = serialize(message);
            if (frame.length > MAX_FRAME) {
                throw new IllegalArgumentException("message of " + frame.length + " bytes is over the " + MAX_FRAME
                        + "-byte frame limit: send it in parts");
            }
            return exchange(frame.length, frame, timeout);
        }

        /** Sends any length prefix and body: {@link #send} keeps to the protocol; tests use this to break it. */
        Reply exchange(int length, byte[] body, Duration timeout) throws IOException, InterruptedException {
            try {
                toChild.writeInt(length);
                toChild.write(body);
                toChild.flush();
                return reader.submit(() -> (Reply) deserialize(readFrame(fromChild), PARENT_FILTER))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                child.destroyForcibly().waitFor();
                Object why = e instanceof TimeoutException ? "nothing within " + human(timeout) : e;
                List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
                throw new IllegalStateException("child " + child.pid() + " gave no reply (" + why + ", exit code "
                        + child.exitValue() + "); it is stopped: open a new channel. Its stderr ends with:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                // End of stdin is the child's signal to exit.
                toChild.close();
            } catch (IOException ignored) {
                // Already gone.
            }
            child.waitFor(Duration.ofSeconds(5));
            // A no-op for a child that has exited; the end for one that did not.
            child.destroyForcibly().waitFor();
            reader.close();
        }
    }

    /** The child JVM: reads frames, filters, does the work, replies. */
    public static final class ChildMain {
        public static void main(String[] args) throws IOException {
            var in = new DataInputStream(System.in);
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a lambda's class is initialised) can corrupt it.
            var out = new DataOutputStream(System.out);
            System.setOut(System.err);
            while (true) {
                byte[] frame;
                try {
                    frame = readFrame(in);
                } catch (EOFException parentDone) {
                    System.err.println("child exits: its stdin ended");
                    return;
                } catch (StreamCorruptedException badLength) {
                    // After a bad length there is no telling where the next frame starts: say why, then stop.
                    writeFrame(out, serialize(new Reply(false, null, badLength.getMessage())));
                    System.err.println("child stops: " + badLength.getMessage());
                    System.exit(2);
                    return;
                }
                var refused = new ArrayList<String>();
                ObjectInputFilter naming = info -> {
                    var status = CHILD_FILTER.checkInput(info);
                    if (status == ObjectInputFilter.Status.REJECTED) {
                        refused.add(describe(info));
                    }
                    return status;
                };
                Reply reply;
                try {
                    reply = handle(deserialize(frame, naming));
                } catch (InvalidClassException rejected) {
                    // The filter stopped the stream before the unexpected class was initialised or the array allocated.
                    reply = new Reply(false, null, "rejected " + refused + ": " + rejected.getMessage());
                } catch (ClassNotFoundException | RuntimeException e) {
                    reply = new Reply(false, null, e.toString());
                }
                writeFrame(out, serialize(reply));
            }
        }

        private static String describe(ObjectInputFilter.FilterInfo info) {
            Class<?> type = info.serialClass();
            String what = type == null ? "a back-reference" : info.arrayLength() >= 0
                    ? type.getComponentType().getName() + "[" + info.arrayLength() + "]" : type.getName();
            return what + " at depth " + info.depth();
        }

        @SuppressWarnings("unchecked")
        private static Reply handle(Object message) {
            return switch (message) {
                case Task task -> new Reply(true, new Task(task.id(), task.data().stream().map(x -> x * 2).toList()), null);
                case Function<?, ?> f -> new Reply(true, ((Function<Integer, Integer>) f).apply(14), null);
                default -> new Reply(false, null, "unsupported " + message.getClass().getName());
            };
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                // stdout is the protocol: keep the JVM's own log lines (even ones JAVA_TOOL_OPTIONS asks for) off it.
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("serialization");
        try (var channel = new ObjectChannel(dir)) {
            var timeout = Duration.ofSeconds(30);
            log.info("record: {}", channel.send(new Task(1, List.of(1, 2, 3)), timeout));
            log.info("serialisable lambda: {}", channel.send(serializableTripler(), timeout));
            log.info("class not on the allowlist: {}", channel.send(new Unexpected("gadget"), timeout));
            try {
                serialize(new WithThread("w", Thread.currentThread()));
            } catch (java.io.NotSerializableException e) {
                log.info("a Thread field: NotSerializableException {}", e.getMessage());
            }
            try {
                serialize(plainTripler());
            } catch (java.io.NotSerializableException e) {
                log.info("a plain lambda: NotSerializableException {}", e.getMessage());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
