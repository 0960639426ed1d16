package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 */
public final class MapManagerProcess {
    private static final Logger log = LoggerFactory.getLogger(MapManagerProcess.class);

    /** Only plain JDK values and our request may be deserialised, on either side of the socket. */
    static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;java.lang.*;java.util.*;" + Request.class.getName() + ";!*");

    /** One call to the manager: {@code put}, {@code get}, {@code append}, {@code map} or {@code list}. */
    public record Request(String op, Object key, Object value) implements Serializable {
    }

    /** What the parent read back, and the nested-mutation pitfall, seen from outside. */
    public record Outcome(Map<Object, Object> map, List<Object> list, Object afterChangingACopy,
                          Object afterPuttingItBack, long managerPid, long clientPid) {
    }

    private MapManagerProcess() {
    }

    public static Outcome run(Path dir, Duration timeout) throws IOException, InterruptedException {
        Path managerErr = dir.resolve("manager.err");
        Path clientErr = dir.resolve("manager-client.err");
        Process manager = launch(ManagerMain.class, managerErr);
        var managerSays = new LinkedBlockingQueue<String>();
        Thread stdout = Thread.ofPlatform().name("manager-stdout").start(() -> {
            try (var in = manager.inputReader(StandardCharsets.UTF_8)) {
                in.lines().forEach(managerSays::add);
            } catch (IOException ignored) {
                // Destroyed: the exit code and stderr tell what happened.
            }
            managerSays.add("eof");
        });
        Process client = null;
        try {
            // The manager picks a free port and tells us on its stdout; no port number is guessed.
            String first = managerSays.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null || !first.startsWith("port ")) {
                throw failure("manager did not announce its port (said " + first + ")", manager, managerErr);
            }
            int port = Integer.parseInt(first.substring(5));
            log.info("manager {} serves on 127.0.0.1:{}", manager.pid(), port);

            client = launch(ClientMain.class, clientErr, Integer.toString(port));
            awaitSuccess(client, clientErr, timeout);

            try (var connection = new ManagerConnection(port)) {
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
                var outcome = new Outcome(map, list, afterChange, afterPut, manager.pid(), client.pid());
                // Closing its stdin is the manager's signal to stop, like leaving Python's with-block.
                manager.getOutputStream().close();
                awaitSuccess(manager, managerErr, timeout);
                return outcome;
            }
        } finally {
            if (client != null) {
                client.destroyForcibly();
            }
            manager.destroyForcibly();
            stdout.join();
        }
    }

    /** A client's connection: one request out, one answer back, both as serialised objects. */
    public static final class ManagerConnection implements AutoCloseable {
        private final Socket socket;
        private final ObjectOutputStream out;
        private final ObjectInputStream in;

        public ManagerConnection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            // Output first, flushed: each side's ObjectInputStream waits for the other's stream header.
            out = new ObjectOutputStream(socket.getOutputStream());
            out.flush();
            in = new ObjectInputStream(socket.getInputStream());
            in.setObjectInputFilter(ALLOWED);
        }

        public Object call(String op, Object key, Object value) throws IOException {
            out.writeObject(new Request(op, key, value));
            // Without reset() a list sent twice goes as a back-reference to its first state.
            out.reset();
            out.flush();
            try {
                return in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
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

        public static void main(String[] args) throws IOException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().name("manager-accept").daemon(true).start(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        Thread.ofVirtual().name("manager-connection").start(() -> serve(socket));
                    }
                } catch (IOException closed) {
                    // The server socket was closed: the manager is shutting down.
                }
            });
            protocol.println("port " + server.getLocalPort());
            protocol.flush();
            // Serve until the parent closes our stdin (or dies): a manager never outlives its owner.
            var parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (parent.readLine() != null) {
                // Nothing to say to the manager on stdin; it only waits for the end.
            }
            server.close();
        }

        private static void serve(Socket socket) {
            try (socket; var out = new ObjectOutputStream(socket.getOutputStream())) {
                out.flush();
                var in = new ObjectInputStream(socket.getInputStream());
                in.setObjectInputFilter(ALLOWED);
                while (true) {
                    var request = (Request) in.readObject();
                    Object answer = switch (request.op()) {
                        case "put" -> MAP.put(request.key(), request.value());
                        case "get" -> MAP.get(request.key());
                        case "append" -> LIST.add(request.value());
                        case "map" -> { synchronized (MAP) { yield new LinkedHashMap<>(MAP); } }
                        case "list" -> { synchronized (LIST) { yield new ArrayList<>(LIST); } }
                        default -> throw new IllegalArgumentException("unknown op " + request.op());
                    };
                    out.writeObject(answer);
                    out.reset();
                    out.flush();
                }
            } catch (IOException | ClassNotFoundException e) {
                // The client hung up (EOFException) or sent something the filter rejected.
            }
        }
    }

    /** The client JVM: the seed's child, filling the manager's dict and list. */
    public static final class ClientMain {
        public static void main(String[] args) throws IOException {
            try (var manager = new ManagerConnection(Integer.parseInt(args[0]))) {
                manager.call("put", 1, "1");
                manager.call("put", "2", 2);
                manager.call("put", 0.25, null);
                manager.call("append", null, 666);
            }
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void awaitSuccess(Process child, Path stderr, Duration timeout)
            throws IOException, InterruptedException {
        if (!child.waitFor(timeout)) {
            throw failure("still running after " + timeout, child, stderr);
        }
        if (child.exitValue() != 0) {
            throw failure("exited with code " + child.exitValue(), child, stderr);
        }
    }

    private static IllegalStateException failure(String what, Process child, Path stderr)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
        return new IllegalStateException("child " + child.pid() + " " + what + "; exit code " + child.exitValue()
                + "; stderr tail:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
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
