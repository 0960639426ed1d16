package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SharedValueAndArrayTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-10: the parent's mapping shows the child's int 888, byte 'a', char '武' and array [666, 22, 33, 44]")
    void parentSeesChildStoresThroughSharedMapping() throws Exception {
        var outcome = SharedValueAndArray.run(dir, Duration.ofSeconds(20));

        assertEquals(888, outcome.value());
        assertEquals('a', outcome.byteAsChar());
        assertEquals('武', outcome.wideChar());
        assertEquals(List.of(666, 22, 33, 44), outcome.array());
        assertNotEquals(ProcessHandle.current().pid(), outcome.childPid());
    }
}
