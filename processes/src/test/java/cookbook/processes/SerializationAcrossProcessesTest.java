package cookbook.processes;

import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
}
