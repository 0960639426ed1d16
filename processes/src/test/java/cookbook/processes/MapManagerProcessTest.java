package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class MapManagerProcessTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-12: a client JVM's puts and append reach the manager JVM; the parent reads {1='1', '2'=2, 0.25=null} and [666]")
    void managerServesOneMapToSeveralProcesses() throws Exception {
        var outcome = MapManagerProcess.run(dir, Duration.ofSeconds(20));

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
        var outcome = MapManagerProcess.run(dir, Duration.ofSeconds(20));

        assertEquals(List.of("a", "s", "d", "f"), outcome.afterChangingACopy());
        assertEquals(List.of("a", "s", "f", "f"), outcome.afterPuttingItBack());
    }
}
