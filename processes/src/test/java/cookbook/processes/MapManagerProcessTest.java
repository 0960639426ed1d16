package cookbook.processes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.MapManagerProcess.Manager;
import cookbook.processes.MapManagerProcess.ManagerConnection;
import cookbook.processes.MapManagerProcess.ManagerMain;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MapManagerProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-12: a client JVM's puts and append reach the manager JVM; the parent reads {1='1', '2'=2, 0.25=null} and [666]")
    void managerServesOneMapToSeveralProcesses() throws Exception {
        var outcome = MapManagerProcess.run(dir, TIMEOUT);

        var expected = new HashMap<Object, Object>();
        expected.put(1, "1");
        expected.put("2", 2);
        expected.put(0.25, null);
        assertEquals(expected, outcome.map());
        assertEquals(List.of(666), outcome.list());
        long parent = ProcessHandle.current().pid();
        assertNotEquals(parent, outcome.managerPid());
        assertNotEquals(parent, outcome.clientPid());
        assertNotEquals(outcome.managerPid(), outcome.clientPid());
    }

    @Test
    @DisplayName("PROC-12: changing a value got from the manager changes only a copy; putting it back changes the manager's")
    void nestedMutationChangesOnlyACopy() throws Exception {
        var outcome = MapManagerProcess.run(dir, TIMEOUT);

        assertEquals(List.of("a", "s", "d", "f"), outcome.afterChangingACopy());
        assertEquals(List.of("a", "s", "f", "f"), outcome.afterPuttingItBack());
    }

    @Test
    @DisplayName("PROC-12: a client without the manager's token is refused; one with it is served; the token is not on the manager's command line")
    void clientWithoutTheTokenIsRefused() throws Exception {
        try (var manager = Manager.start(dir, TIMEOUT)) {
            var refused = assertThrows(IOException.class, () -> ManagerConnection.open(manager.port(), new byte[32], TIMEOUT));
            assertTrue(refused.getMessage().contains("refused this client: its token is not the manager's"), refused.getMessage());

            try (var client = manager.connect()) {
                assertNull(client.call("put", "k", "v"));
                assertEquals("v", client.call("get", "k", null));
            }
            assertTrue(Files.readString(dir.resolve("manager.err")).contains("manager: refused a client without the token"));
            String token = HexFormat.of().formatHex(manager.token());
            var arguments = ProcessHandle.of(manager.pid()).orElseThrow().info().arguments().orElseThrow();
            assertFalse(List.of(arguments).stream().anyMatch(a -> a.contains(token)), List.of(arguments).toString());
        }
    }

    @Test
    @DisplayName("PROC-12: the manager listens on loopback only: it says 127.0.0.1, and connecting through this machine's other address is refused")
    void boundToLoopbackOnly() throws Exception {
        try (var manager = Manager.start(dir, TIMEOUT)) {
            assertTrue(manager.address().isLoopbackAddress(), manager.address().toString());
            Optional<InetAddress> other = nonLoopbackAddress();
            assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");
            try (var outsider = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> outsider.connect(new InetSocketAddress(other.get(), manager.port()), (int) TIMEOUT.toMillis()));
            }
            try (var client = manager.connect()) {
                assertNull(client.call("get", "nothing", null));
            }
        }
    }

    @Test
    @DisplayName("PROC-12: a disallowed class, a too-deep or too-long value and a 2 GB length prefix get a clear error reply; the manager still serves")
    void hostilePayloadsAreRejected() throws Exception {
        try (var manager = Manager.start(dir, TIMEOUT); var client = manager.connect()) {
            assertRejectedByFilter(client, new File("/etc/passwd"));
            assertRejectedByFilter(client, nested(20));
            assertRejectedByFilter(client, new ArrayList<>(Collections.nCopies(20_000, null)));
            // The same connection still serves: each request is a frame of its own.
            assertNull(client.call("put", "k", nested(3)));
            assertEquals(nested(3), client.call("get", "k", null));

            // Only a length prefix: the manager refuses it before allocating, says why and hangs up.
            var huge = client.exchange(Integer.MAX_VALUE, new byte[0]);
            assertEquals("frame of 2147483647 bytes refused: the limit is 65536 bytes", huge.error());
            try (var next = manager.connect()) {
                assertEquals(nested(3), next.call("get", "k", null));
            }
        }
    }

    @Test
    @DisplayName("PROC-12: an unknown op or a message that is not a Request gets an error reply, not a hang")
    void unknownOpAndWrongTypeGetErrorReplies() throws Exception {
        try (var manager = Manager.start(dir, TIMEOUT); var client = manager.connect()) {
            var unknown = assertThrows(IllegalArgumentException.class, () -> client.call("frob", "k", null));
            assertEquals("the manager refused frob: unknown op 'frob': use put, get, append, map or list", unknown.getMessage());
            var noOp = assertThrows(IllegalArgumentException.class, () -> client.call(null, "k", null));
            assertTrue(noOp.getMessage().contains("unknown op 'null'"), noOp.getMessage());

            byte[] notARequest = MapManagerProcess.serialize("put k v");
            assertEquals("expected a Request, got java.lang.String", client.exchange(notARequest.length, notARequest).error());
            byte[] nothing = MapManagerProcess.serialize(null);
            assertEquals("expected a Request, got null", client.exchange(nothing.length, nothing).error());
            assertEquals(true, client.call("append", null, 1));
        }
    }

    @Test
    @DisplayName("PROC-12: the manager drops a client that says nothing within its idle timeout")
    void silentPeersTimeOut() throws Exception {
        try (var manager = Manager.start(dir, TIMEOUT, Duration.ofMillis(500)); var raw = new Socket()) {
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), manager.port()));
            raw.setSoTimeout((int) TIMEOUT.toMillis());
            assertEquals(32, raw.getInputStream().readNBytes(32).length, "the challenge");
            // No answer from us: the manager hangs up after its idle timeout (without one, this read times out).
            assertEquals(-1, raw.getInputStream().read());
        }
    }

    @Test
    @DisplayName("PROC-12: a client whose handshake fails, silent manager or refusal, says why and closes its socket")
    void failedHandshakeClosesTheSocket() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var silent = fakeManager(server, false)) {
            var timedOut = assertThrows(SocketTimeoutException.class,
                    () -> ManagerConnection.open(server.getLocalPort(), new byte[32], Duration.ofSeconds(1)));
            assertTrue(timedOut.getMessage().startsWith("no handshake from port " + server.getLocalPort() + " within 1.0 s"),
                    timedOut.getMessage());
            assertNull(silent.awaitEnd(TIMEOUT));
        }
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var refusing = fakeManager(server, true)) {
            var refused = assertThrows(IOException.class, () -> ManagerConnection.open(server.getLocalPort(), new byte[32], TIMEOUT));
            assertTrue(refused.getMessage().contains("refused this client"), refused.getMessage());
            assertNull(refusing.awaitEnd(TIMEOUT));
        }
    }

    @Test
    @DisplayName("PROC-12: the handshake welcomes the HMAC of a fresh random challenge under the token, and refuses any other answer")
    void handshakeChecksTheTokensHmac() throws Exception {
        byte[] token = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        var challenges = Collections.synchronizedList(new ArrayList<byte[]>());
        try (var server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            for (boolean right : new boolean[] {true, false}) {
                byte[] key = right ? token : new byte[32];
                try (var client = BlockingThread.start("handshake-client", () -> {
                    try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                        socket.setSoTimeout((int) TIMEOUT.toMillis());
                        byte[] challenge = socket.getInputStream().readNBytes(32);
                        challenges.add(challenge);
                        socket.getOutputStream().write(MapManagerProcess.hmac(key, challenge));
                        assertEquals(right ? 1 : 0, socket.getInputStream().read());
                    }
                }); var side = server.accept()) {
                    // Buffered, as the manager's streams are: the handshake must flush what it says.
                    var in = new DataInputStream(new BufferedInputStream(side.getInputStream()));
                    var out = new DataOutputStream(new BufferedOutputStream(side.getOutputStream()));
                    assertEquals(right, MapManagerProcess.authenticate(in, out, token));
                    assertNull(client.awaitEnd(TIMEOUT));
                }
            }
        }
        assertFalse(Arrays.equals(challenges.get(0), challenges.get(1)), "the challenge must be fresh each time");
    }

    @Test
    @DisplayName("PROC-12: frames are checked against the 64 KiB limit before a buffer exists, on the client's side too")
    void framesAreCheckedBeforeAllocating() throws Exception {
        int max = MapManagerProcess.MAX_FRAME;
        assertEquals(0, MapManagerProcess.readFrame(frame(0, 0)).length);
        assertEquals(max, MapManagerProcess.readFrame(frame(max, max)).length);
        for (int length : new int[] {max + 1, -1, Integer.MAX_VALUE}) {
            var refused = assertThrows(StreamCorruptedException.class, () -> MapManagerProcess.readFrame(frame(length, 0)));
            assertEquals("frame of " + length + " bytes refused: the limit is 65536 bytes", refused.getMessage());
        }
        // Replies are untrusted too: the client reads them through the same filter.
        byte[] file = MapManagerProcess.serialize(new File("/etc/passwd"));
        assertThrows(InvalidClassException.class, () -> MapManagerProcess.deserialize(file));
    }

    @Test
    @DisplayName("PROC-12: a request of exactly 64 KiB is sent and served, one byte more is refused before it is sent; a closed connection cannot be used")
    void requestSizeLimitAndClosedConnection() throws Exception {
        int overhead = MapManagerProcess.serialize(new MapManagerProcess.Request("put", "k", "")).length;
        String exact = "x".repeat(MapManagerProcess.MAX_FRAME - overhead);
        try (var manager = Manager.start(dir, TIMEOUT)) {
            var client = manager.connect();
            try (client) {
                assertNull(client.call("put", "k", exact));
                var tooBig = assertThrows(IllegalArgumentException.class, () -> client.call("put", "k", exact + "x"));
                assertEquals("put of 65537 bytes is over the 65536-byte limit: send smaller values", tooBig.getMessage());
                assertEquals(true, client.call("append", null, "still served"));
            }
            assertThrows(IOException.class, () -> client.call("get", "k", null));
        }
    }

    @Test
    @DisplayName("PROC-12: a manager without a token on its stdin does not start: exit code 2 and one line saying what to do")
    void managerWithoutATokenDoesNotStart() throws Exception {
        Path stderr = dir.resolve("no-token.err");
        Process manager = MapManagerProcess.launch(ManagerMain.class, stderr, "1000");
        try {
            try (var stdin = manager.outputWriter(StandardCharsets.UTF_8)) {
                stdin.write("not a token\n");
            }
            assertTrue(manager.waitFor(TIMEOUT));
            assertEquals(2, manager.exitValue());
            // A JAVA_TOOL_OPTIONS in the environment adds its own "Picked up ..." line; ours is the other one.
            var lines = Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("Picked up ")).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.getFirst().startsWith("manager: no token on the first line of stdin"), lines.getFirst());
        } finally {
            manager.destroyForcibly().waitFor();
        }
    }

    /** A stand-in manager: says nothing, or sends a challenge and refuses; then expects the client to hang up. */
    private static BlockingThread fakeManager(ServerSocket server, boolean refuse) {
        return BlockingThread.start("fake-manager", () -> {
            try (var side = server.accept()) {
                side.setSoTimeout((int) TIMEOUT.toMillis());
                if (refuse) {
                    // A challenge of 32 zero bytes, then 0: refused, whatever the answer.
                    side.getOutputStream().write(new byte[33]);
                    side.getInputStream().readNBytes(32);
                }
                assertEquals(-1, side.getInputStream().read(), "the client left its socket open");
            }
        });
    }

    private static DataInputStream frame(int length, int bodyBytes) {
        var bytes = ByteBuffer.allocate(4 + bodyBytes).putInt(length);
        return new DataInputStream(new ByteArrayInputStream(bytes.array()));
    }

    private static void assertRejectedByFilter(ManagerConnection client, Object value) {
        var rejected = assertThrows(IllegalArgumentException.class, () -> client.call("put", "bad", value));
        assertTrue(rejected.getMessage().startsWith("the manager refused put: rejected by the manager's filter")
                && rejected.getMessage().contains("REJECTED"), rejected.getMessage());
    }

    private static List<Object> nested(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            list = new ArrayList<>(List.of(list));
        }
        return list;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }
}
