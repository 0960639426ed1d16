package cookbook.processes;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.DuplexPipeProtocol.ChildBehaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplexPipeProtocolTest {
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-09: the parent receives [111, 22, 33, 44] over the child's stdout, the child receives 666 over its stdin and exits 0")
    void framesTravelBothWays() throws Exception {
        var outcome = DuplexPipeProtocol.exchange(ChildBehaviour.WELL_BEHAVED, PAUSE, List.of(666), TIMEOUT, dir);

        assertEquals(List.of(111, 22, 33, 44), outcome.received());
        assertTrue(outcome.childStderr().contains("child received: [666]"), outcome.childStderr().toString());
        assertEquals(0, outcome.exitCode());
    }

    @Test
    @DisplayName("PROC-09: a stray System.out.println in the child lands on stderr, where the child pointed System.out: the frames arrive intact")
    void strayPrintlnCannotCorruptTheFrames() throws Exception {
        var outcome = DuplexPipeProtocol.exchange(ChildBehaviour.CHATTY, Duration.ZERO, List.of(666), TIMEOUT, dir);

        assertEquals(List.of(111, 22, 33, 44), outcome.received());
        assertTrue(outcome.childStderr().contains("hello from the child: this println lands on stderr"),
                outcome.childStderr().toString());
        assertTrue(outcome.childStderr().contains("child received: [666]"), outcome.childStderr().toString());
    }

    @Test
    @DisplayName("PROC-09: the parent's receive blocks until the child sends, at least its pause after the launch")
    void receiveWaitsForTheChild() throws Exception {
        var outcome = DuplexPipeProtocol.exchange(ChildBehaviour.WELL_BEHAVED, PAUSE, List.of(666), TIMEOUT, dir);

        assertTrue(outcome.receivedAfter().compareTo(PAUSE) >= 0, "received after " + outcome.receivedAfter().toMillis() + " ms");
        assertTrue(outcome.receivedAfter().compareTo(PAUSE.plusSeconds(15)) < 0, "received after " + outcome.receivedAfter().toMillis() + " ms");
    }

    @Test
    @DisplayName("PROC-09: a child that prints text instead of a frame gives a clear 'not a frame' error, not a hang")
    void garbageIsAClearError() {
        var e = assertThrows(IllegalStateException.class, () ->
                DuplexPipeProtocol.exchange(ChildBehaviour.PRINTS_GARBAGE, Duration.ZERO, List.of(666), TIMEOUT, dir));

        assertTrue(e.getMessage().contains("not a frame: header 0x6865"), e.getMessage());
    }

    @Test
    @DisplayName("PROC-09: a child that crashes before sending gives its exit code and the tail of its stderr")
    void crashIsAClearError() {
        var e = assertThrows(IllegalStateException.class, () ->
                DuplexPipeProtocol.exchange(ChildBehaviour.CRASHES, Duration.ZERO, List.of(666), TIMEOUT, dir));

        assertTrue(e.getMessage().contains("child exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("child gave up before sending anything"), e.getMessage());
    }

    @Test
    @DisplayName("PROC-09: a child that hangs without sending is reported and destroyed after the timeout")
    void hangIsReportedAfterTheTimeout() {
        var e = assertThrows(IllegalStateException.class, () ->
                DuplexPipeProtocol.exchange(ChildBehaviour.HANGS, Duration.ZERO, List.of(666), Duration.ofSeconds(2), dir));

        assertTrue(e.getMessage().contains("no frame from child"), e.getMessage());
    }

    @Test
    @DisplayName("PROC-09: writeFrame pushes the whole frame through a buffered stream that stays open (a process's stdin is one), and frames of 0 and of MAX_COUNT values are valid")
    void framesLeaveTheBufferAndEdgeCountsAreValid() throws Exception {
        for (List<Integer> values : List.of(List.<Integer>of(), Collections.nCopies(DuplexPipeProtocol.MAX_COUNT, 7))) {
            var wire = new ByteArrayOutputStream();
            // Buffered like Process.getOutputStream(), and never closed: only a flush puts the frame on the wire.
            var out = new DataOutputStream(new BufferedOutputStream(wire));

            DuplexPipeProtocol.writeFrame(out, values);

            var in = new DataInputStream(new ByteArrayInputStream(wire.toByteArray()));
            assertEquals(values, DuplexPipeProtocol.readFrame(in), values.size() + " values");
        }
    }
}
