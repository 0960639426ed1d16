package cookbook.processes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-12. Python original: {@code Manager().dict()} and {@code .list()} live in a server process;
 * a child sets {@code d[1] = '1'}, {@code d['2'] = 2}, {@code d[0.25] = None}, appends 666, and the
 * parent prints both.
 *
 * <p>Java has no Manager, so this recipe builds a small one: a manager JVM owns a map and a list and
 * serves them on a loopback socket, one serialised {@link Request} per call. A client JVM fills them,
 * then the parent reads them through its own connection. Every value crosses the boundary as a
 * copy, which is why changing a value you got back changes nothing in the manager until you put it.
 *
 * <p>Like Python's {@code authkey}, the parent makes a random token and hands it to the manager and the
 * client on their stdin; a connection must prove it holds the token (an HMAC of a fresh challenge)
 * before a single byte of it is deserialised. Requests are length-prefixed frames, checked against a
 * limit before any buffer exists, and read through an {@link ObjectInputFilter} that allows only the
 * protocol's classes and bounds depth, arrays, references and bytes before anything is allocated.
 */
public final class MapManagerProcess {
    private static final Logger log = LoggerFactory.getLogger(MapManagerProcess.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ANNOUNCEMENT = Pattern.compile("listening on (\\S+) port (\\d+)");
    private static final int CHALLENGE = 32;
    private static final int WELCOME = 1;

    /** The largest request or reply, in bytes. */
    static final int MAX_FRAME = 64 * 1024;

    /** One call to the manager: {@code put}, {@code get}, {@code append}, {@code map} or {@code list}. */
    public record Request(String op, Object key, Object value) implements Serializable {
    }

    /** The manager's answer: a value, or why it refused the request. */
    public record Reply(Object value, String error) implements Serializable {
    }

    /** What the parent read back, and the nested-mutation pitfall, seen from outside. */
    public record Outcome(Map<Object, Object> map, List<Object> list, Object afterChangingACopy,
                          Object afterPuttingItBack, long managerPid, long clientPid) {
    }

    private MapManagerProcess() {
    }

    public static Outcome run(Path dir, Duration timeout) throws IOException, InterruptedException {
        try (var manager = Manager.start(dir, timeout)) {
            log.info("manager {} serves on {} port {}", manager.pid(), manager.address().getHostAddress(), manager.port());
            Path clientErr = dir.resolve("manager-client.err");
            Process client = launch(ClientMain.class, clientErr, Integer.toString(manager.port()),
                    Long.toString(timeout.toMillis()));
            try {
                // The token goes in on stdin: a command line can be read by any user with ps.
                try (var stdin = client.outputWriter(StandardCharsets.UTF_8)) {
                    stdin.write(HexFormat.of().formatHex(manager.token()) + "\n");
                }
                if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || client.exitValue() != 0) {
                    throw failure("client", client, clientErr, "did not fill the manager within " + human(timeout),
                            "its stderr says why");
                }
            } finally {
                client.destroyForcibly().waitFor();
            }
            try (var connection = manager.connect()) {
                @SuppressWarnings("unchecked")
                var map = (Map<Object, Object>) connection.call("map", null, null);
                @SuppressWarnings("unchecked")
                var list = (List<Object>) connection.call("list", null, null);
                log.info("parent reads map {} and list {}", map, list);

                // Python's d['abc'][2] = 'f' pitfall: get returns a copy, so the change stays local.
                connection.call("put", "abc", new ArrayList<>(List.of("a", "s", "d", "f")));
                @SuppressWarnings("unchecked")
                var copy = (List<Object>) connection.call("get", "abc", null);
                copy.set(2, "f");
                Object afterChange = connection.call("get", "abc", null);
                connection.call("put", "abc", copy);
                Object afterPut = connection.call("get", "abc", null);
                log.info("abc after changing the copy: {}; after putting it back: {}", afterChange, afterPut);
                return new Outcome(map, list, afterChange, afterPut, manager.pid(), client.pid());
            }
        }
    }

    // tag::idiom[]
    /** The protocol's classes and nothing else, with limits checked before anything is allocated. */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=10;maxarray=10000;maxrefs=10000;maxbytes=" + MAX_FRAME + ";" + Request.class.getName() + ";"
            + Reply.class.getName() + ";java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;"
            + "java.lang.Double;java.lang.Boolean;java.util.ArrayList;java.util.HashMap;java.util.LinkedHashMap;"
            + "java.util.Map$Entry;java.lang.Object;!*");

    /** The manager's side of the handshake: nothing from this client is deserialised unless it passes. */
    static boolean authenticate(DataInputStream in, DataOutputStream out, byte[] token) throws IOException {
        byte[] challenge = new byte[CHALLENGE];
        RANDOM.nextBytes(challenge);
        out.write(challenge);
        out.flush();
        byte[] answer = in.readNBytes(CHALLENGE);
        // Constant time: how long the comparison takes says nothing about how much of the answer was right.
        boolean welcome = MessageDigest.isEqual(hmac(token, challenge), answer);
        out.write(welcome ? WELCOME : 0);
        out.flush();
        return welcome;
    }

    /** Reads one frame; its length is checked before it is used, so a bad prefix allocates nothing. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new StreamCorruptedException("frame of " + length + " bytes refused: the limit is " + MAX_FRAME + " bytes");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    static Object deserialize(byte[] frame) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(frame))) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        }
    }
    // end::idiom[]

    static byte[] hmac(byte[] token, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every JDK must have", e);
        }
    }

    static byte[] serialize(Object message) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        }
        return bytes.toByteArray();
    }

    private static void writeFrame(DataOutputStream out, int length, byte[] body) throws IOException {
        out.writeInt(length);
        out.write(body);
        out.flush();
    }

    /**
     * A running manager JVM: where it listens, and the token a client must prove it holds (handed to
     * child JVMs on their stdin). Its stdout is read by {@code stdout} until the manager exits.
     */
    public record Manager(Process process, Thread stdout, Path stderr, byte[] token, InetAddress address, int port,
                          Duration timeout) implements AutoCloseable {
        /** Starts a manager in {@code dir}; a client that says nothing for {@code timeout} is dropped. */
        public static Manager start(Path dir, Duration timeout) throws IOException, InterruptedException {
            return start(dir, timeout, timeout);
        }

        static Manager start(Path dir, Duration timeout, Duration idle) throws IOException, InterruptedException {
            byte[] token = new byte[32];
            RANDOM.nextBytes(token);
            Path stderr = dir.resolve("manager.err");
            Process process = launch(ManagerMain.class, stderr, Long.toString(idle.toMillis()));
            var says = new LinkedBlockingQueue<String>();
            Thread stdout = Thread.ofPlatform().name("manager-stdout").start(() -> {
                try (var in = process.inputReader(StandardCharsets.UTF_8)) {
                    in.lines().forEach(says::add);
                } catch (IOException | UncheckedIOException ended) {
                    // Destroyed: the exit code and stderr tell what happened.
                }
                says.add("<end of stdout>");
            });
            try {
                var stdin = process.getOutputStream();
                stdin.write((HexFormat.of().formatHex(token) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                // The manager picks a free port and tells us on its stdout; no port number is guessed.
                String first = says.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                var announced = ANNOUNCEMENT.matcher(first == null ? "" : first);
                if (!announced.matches()) {
                    throw failure("manager", process, stderr, "did not say where it listens: it said "
                            + (first == null ? "nothing within " + human(timeout) : "'" + first + "' first"),
                            "check that this JDK's java starts with this class path and that nothing else writes to its stdout");
                }
                return new Manager(process, stdout, stderr, token, InetAddress.getByName(announced.group(1)),
                        Integer.parseInt(announced.group(2)), timeout);
            } catch (IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly().waitFor();
                stdout.join();
                throw e;
            }
        }

        public ManagerConnection connect() throws IOException {
            return ManagerConnection.open(port, token, timeout);
        }

        public long pid() {
            return process.pid();
        }

        /** Closing its stdin is the manager's signal to stop, like leaving Python's with-block. */
        @Override
        public void close() throws IOException, InterruptedException {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                    throw failure("manager", process, stderr, "did not stop cleanly within " + human(timeout),
                            "its stderr says why");
                }
            } finally {
                process.destroyForcibly().waitFor();
                stdout.join();
            }
        }
    }

    /** A client's connection: authenticated once, then one request frame out, one reply frame back. */
    public static final class ManagerConnection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        private ManagerConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        }

        /** Connects and proves the token; every read waits at most {@code timeout}, so a silent manager cannot hang us. */
        public static ManagerConnection open(int port, byte[] token, Duration timeout) throws IOException {
            var socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                var connection = new ManagerConnection(socket);
                byte[] challenge = connection.in.readNBytes(CHALLENGE);
                connection.out.write(hmac(token, challenge));
                connection.out.flush();
                if (challenge.length != CHALLENGE || connection.in.read() != WELCOME) {
                    throw new IOException("the manager on port " + port + " refused this client: its token is not the"
                            + " manager's; pass the token the manager was started with");
                }
                return connection;
            } catch (SocketTimeoutException e) {
                socket.close();
                throw new SocketTimeoutException("no handshake from port " + port + " within " + human(timeout)
                        + ": is a manager listening there?");
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        /** Sends one request; the manager's refusal becomes an {@link IllegalArgumentException} with its reason. */
        public Object call(String op, Object key, Object value) throws IOException {
            byte[] frame = serialize(new Request(op, key, value));
            if (frame.length > MAX_FRAME) {
                throw new IllegalArgumentException(op + " of " + frame.length + " bytes is over the " + MAX_FRAME
                        + "-byte limit: send smaller values");
            }
            Reply reply = exchange(frame.length, frame);
            if (reply.error() != null) {
                throw new IllegalArgumentException("the manager refused " + op + ": " + reply.error());
            }
            return reply.value();
        }

        /** Sends any length prefix and body: {@link #call} keeps to the protocol; tests use this to break it. */
        Reply exchange(int length, byte[] body) throws IOException {
            writeFrame(out, length, body);
            try {
                return (Reply) deserialize(readFrame(in));
            } catch (ClassNotFoundException | ClassCastException e) {
                throw new StreamCorruptedException("the manager's reply is not a Reply: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The manager JVM: owns the data, serves every connection on its own virtual thread. */
    public static final class ManagerMain {
        // A synchronised HashMap, not a ConcurrentHashMap: Python's d[0.25] = None needs null values.
        private static final Map<Object, Object> MAP = Collections.synchronizedMap(new LinkedHashMap<>());
        private static final List<Object> LIST = Collections.synchronizedList(new ArrayList<>());

        /** {@code args[0]}: how long a client may stay silent, in ms. The token comes on stdin's first line. */
        public static void main(String[] args) throws IOException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            var parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            byte[] token;
            try {
                token = HexFormat.of().parseHex(String.valueOf(parent.readLine()));
            } catch (IllegalArgumentException e) {
                System.err.println("manager: no token on the first line of stdin (" + e.getMessage()
                        + "); start it with MapManagerProcess.Manager.start");
                System.exit(2);
                return;
            }
            int idle = Integer.parseInt(args[0]);
            // Loopback only: no other machine can even connect.
            var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().name("manager-accept").daemon(true).start(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        Thread.ofVirtual().name("manager-connection").start(() -> serve(socket, token, idle));
                    }
                } catch (IOException closed) {
                    // The server socket was closed: the manager is shutting down.
                }
            });
            protocol.println("listening on " + server.getInetAddress().getHostAddress() + " port " + server.getLocalPort());
            protocol.flush();
            // Serve until the parent closes our stdin (or dies): a manager never outlives its owner.
            while (parent.readLine() != null) {
                // Nothing more to say to the manager on stdin; it only waits for the end.
            }
            server.close();
        }

        private static void serve(Socket socket, byte[] token, int idle) {
            try (socket) {
                // A client that goes silent, before or after the handshake, is dropped after idle ms.
                socket.setSoTimeout(idle);
                var in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                var out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                if (!authenticate(in, out, token)) {
                    System.err.println("manager: refused a client without the token, from " + socket.getRemoteSocketAddress());
                    return;
                }
                while (true) {
                    byte[] reply;
                    try {
                        reply = serialize(handle(readFrame(in)));
                    } catch (StreamCorruptedException badLength) {
                        // After a bad length there is no telling where the next frame starts: say why, hang up.
                        byte[] last = serialize(new Reply(null, badLength.getMessage()));
                        writeFrame(out, last.length, last);
                        return;
                    }
                    writeFrame(out, reply.length, reply);
                }
            } catch (IOException e) {
                // The client hung up (EOFException) or stayed silent past the idle timeout: only it is dropped.
            }
        }

        private static Reply handle(byte[] frame) {
            Object message;
            try {
                message = deserialize(frame);
            } catch (InvalidClassException rejected) {
                return new Reply(null, "rejected by the manager's filter (" + rejected.getMessage() + "): send strings,"
                        + " numbers, booleans, ArrayList or LinkedHashMap, at most 10 deep and 10000 elements");
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                return new Reply(null, "unreadable request: " + e);
            }
            if (!(message instanceof Request request)) {
                return new Reply(null, "expected a Request, got " + (message == null ? "null" : message.getClass().getName()));
            }
            return switch (request.op()) {
                case "put" -> new Reply(MAP.put(request.key(), request.value()), null);
                case "get" -> new Reply(MAP.get(request.key()), null);
                case "append" -> new Reply(LIST.add(request.value()), null);
                case "map" -> {
                    synchronized (MAP) {
                        yield new Reply(new LinkedHashMap<>(MAP), null);
                    }
                }
                case "list" -> {
                    synchronized (LIST) {
                        yield new Reply(new ArrayList<>(LIST), null);
                    }
                }
                case null, default -> new Reply(null, "unknown op '" + request.op() + "': use put, get, append, map or list");
            };
        }
    }

    /** The client JVM: the seed's child, filling the manager's dict and list. Token on stdin, not in args. */
    public static final class ClientMain {
        public static void main(String[] args) throws IOException {
            var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            byte[] token = HexFormat.of().parseHex(stdin.readLine());
            try (var manager = ManagerConnection.open(Integer.parseInt(args[0]), token, Duration.ofMillis(Long.parseLong(args[1])))) {
                manager.call("put", 1, "1");
                manager.call("put", "2", 2);
                manager.call("put", 0.25, null);
                manager.call("append", null, 666);
            }
        }
    }

    static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                // stdout is the protocol: keep the JVM's own log lines (even ones JAVA_TOOL_OPTIONS asks for) off it.
                "-Xlog:disable", "-Xlog:all=warning:stderr", main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /** One line saying who failed, how, and what to do; then the end of its stderr. */
    private static IllegalStateException failure(String who, Process child, Path stderr, String what, String todo)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
        return new IllegalStateException(who + " " + child.pid() + " " + what + " (exit code " + child.exitValue() + "): "
                + todo + ". Its stderr ends with:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
    }

    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("map-manager");
        try {
            run(dir, Duration.ofSeconds(30));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
