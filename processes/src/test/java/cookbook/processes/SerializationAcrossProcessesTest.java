package cookbook.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.SerializationAcrossProcesses.ObjectChannel;
import cookbook.processes.SerializationAcrossProcesses.Task;
import cookbook.processes.SerializationAcrossProcesses.Unexpected;
import cookbook.processes.SerializationAcrossProcesses.WithThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerializationAcrossProcessesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-18: a Serializable record crosses to the child, which doubles its data, and a copy comes back")
    void recordRoundTrips() throws Exception {
        try (var channel = new ObjectChannel(dir)) {
            var reply = channel.send(new Task(7, List.of(1, 2, 3)), TIMEOUT);

            assertTrue(reply.ok(), reply.error());
            assertEquals(new Task(7, List.of(2, 4, 6)), reply.value());
        }
        // close() ends the child's stdin and the child exits by itself; it is not killed.
        assertTrue(Files.readString(dir.resolve("object-child.err")).contains("child exits: its stdin ended"));
    }

    @Test
    @DisplayName("PROC-18: a Thread field or a plain lambda fails with NotSerializableException before any child is involved")
    void threadsAndPlainLambdasCannotCross() {
        var thread = assertThrows(NotSerializableException.class,
                () -> SerializationAcrossProcesses.serialize(new WithThread("w", Thread.currentThread())));
        assertTrue(thread.getMessage().contains("java.lang.Thread"), thread.getMessage());

        assertThrows(NotSerializableException.class,
                () -> SerializationAcrossProcesses.serialize(SerializationAcrossProcesses.plainTripler()));
    }

    @Test
    @DisplayName("PROC-18: a lambda cast to Serializable runs in the child; the child's ObjectInputFilter rejects a class it does not expect and keeps serving")
    void serializableLambdaRunsAndFilterRejectsTheRest() throws Exception {
        try (var channel = new ObjectChannel(dir)) {
            var lambda = channel.send(SerializationAcrossProcesses.serializableTripler(), TIMEOUT);
            assertTrue(lambda.ok(), lambda.error());
            assertEquals(42, lambda.value());

            var rejected = channel.send(new Unexpected("gadget"), TIMEOUT);
            assertFalse(rejected.ok());
            assertTrue(rejected.error().contains("REJECTED") && rejected.error().contains(Unexpected.class.getName()),
                    rejected.error());

            // One frame per message: a rejected frame does not break the stream for the next one.
            assertEquals(new Task(1, List.of(10)), channel.send(new Task(1, List.of(5)), TIMEOUT).value());
        }
    }

    @Test
    @DisplayName("PROC-18: a length prefix over the limit or below zero is refused before any buffer is allocated")
    void lengthPrefixIsCheckedBeforeAllocating() throws Exception {
        for (int length : new int[] {Integer.MAX_VALUE, SerializationAcrossProcesses.MAX_FRAME + 1, -1}) {
            // Only the prefix, no body: new byte[length] would be an OutOfMemoryError or NegativeArraySizeException.
            var refused = assertThrows(StreamCorruptedException.class, () -> SerializationAcrossProcesses.readFrame(prefix(length, 0)));
            assertTrue(refused.getMessage().startsWith("frame of " + length + " bytes refused: the limit is 65536 bytes"),
                    refused.getMessage());
        }
        assertEquals(SerializationAcrossProcesses.MAX_FRAME,
                SerializationAcrossProcesses.readFrame(prefix(SerializationAcrossProcesses.MAX_FRAME, SerializationAcrossProcesses.MAX_FRAME)).length);
        assertEquals(0, SerializationAcrossProcesses.readFrame(prefix(0, 0)).length);
    }

    @Test
    @DisplayName("PROC-18: both filters reject, before allocating, what their side does not expect")
    void filtersRejectInThisJvmToo() throws Exception {
        byte[] gadget = SerializationAcrossProcesses.serialize(new Unexpected("gadget"));
        var parent = assertThrows(InvalidClassException.class,
                () -> SerializationAcrossProcesses.deserialize(gadget, SerializationAcrossProcesses.PARENT_FILTER));
        assertTrue(parent.getMessage().contains("REJECTED"), parent.getMessage());
        byte[] tooLong = SerializationAcrossProcesses.serialize(new ArrayList<>(Collections.nCopies(20_000, null)));
        assertThrows(InvalidClassException.class,
                () -> SerializationAcrossProcesses.deserialize(tooLong, SerializationAcrossProcesses.PARENT_FILTER));
        assertThrows(InvalidClassException.class,
                () -> SerializationAcrossProcesses.deserialize(tooLong, SerializationAcrossProcesses.CHILD_FILTER));
    }

    @Test
    @DisplayName("PROC-18: the child answers a 2 GB length prefix with a clear error and stops; the parent refuses to send an oversized message")
    void childRefusesAHugePrefixAndParentAnOversizedMessage() throws Exception {
        try (var channel = new ObjectChannel(dir)) {
            var tooBig = assertThrows(IllegalArgumentException.class,
                    () -> channel.send(new Task(1, IntStream.range(0, 20_000).boxed().toList()), TIMEOUT));
            assertTrue(tooBig.getMessage().contains("over the 65536-byte frame limit"), tooBig.getMessage());
            // Nothing was sent, so the channel still works; a message of exactly the limit is sent and read.
            assertEquals(new Task(2, List.of(2)), channel.send(new Task(2, List.of(1)), TIMEOUT).value());
            String exact = "x".repeat(SerializationAcrossProcesses.MAX_FRAME - SerializationAcrossProcesses.serialize("").length);
            assertEquals(SerializationAcrossProcesses.MAX_FRAME, SerializationAcrossProcesses.serialize(exact).length);
            assertEquals("unsupported java.lang.String", channel.send(exact, TIMEOUT).error());

            var huge = channel.exchange(Integer.MAX_VALUE, new byte[0], TIMEOUT);
            assertFalse(huge.ok());
            assertTrue(huge.error().startsWith("frame of 2147483647 bytes refused"), huge.error());
            // The stream cannot be trusted after a bad length, so the child has stopped, and says so.
            var stopped = assertThrows(IllegalStateException.class, () -> channel.send(new Task(3, List.of(1)), TIMEOUT));
            assertTrue(stopped.getMessage().contains("exit code 2") && stopped.getMessage().contains("child stops: frame of"),
                    stopped.getMessage());
        }
    }

    @Test
    @DisplayName("PROC-18: the child's filter rejects a list of 20,000 elements and a list nested 20 deep before allocating them, and keeps serving")
    void filterBoundsArraysAndDepth() throws Exception {
        try (var channel = new ObjectChannel(dir)) {
            var long_ = channel.send(new ArrayList<>(Collections.nCopies(20_000, null)), TIMEOUT);
            assertFalse(long_.ok());
            assertTrue(long_.error().contains("java.lang.Object[20000]") && long_.error().contains("REJECTED"), long_.error());

            List<Object> deep = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deep = new ArrayList<>(List.of(deep));
            }
            var tooDeep = channel.send(deep, TIMEOUT);
            assertFalse(tooDeep.ok());
            assertTrue(tooDeep.error().contains(" at depth 11]") && tooDeep.error().contains("REJECTED"),
                    tooDeep.error());

            assertEquals(new Task(1, List.of(10)), channel.send(new Task(1, List.of(5)), TIMEOUT).value());
        }
    }

    @Test
    @DisplayName("PROC-18: a child that does not reply within the timeout is stopped, and the error says so")
    void noReplyInTimeStopsTheChild() throws Exception {
        try (var channel = new ObjectChannel(dir)) {
            // No child can reply in no time at all.
            var silent = assertThrows(IllegalStateException.class, () -> channel.send(new Task(1, List.of(1)), Duration.ZERO));
            assertTrue(silent.getMessage().matches("(?s)child \\d+ gave no reply \\(nothing within 0 ms, exit code 137\\);"
                    + " it is stopped: open a new channel\\..*"), silent.getMessage());
        }
    }

    private static DataInputStream prefix(int length, int bodyBytes) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(length);
        out.write(new byte[bodyBytes]);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
