package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessMemoryIsolationTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-02: the child sets its n to 0 and appends 999 to its list; the parent's n stays 100 and its list unchanged")
    void childWritesNeverReachTheParent() throws Exception {
        var parentList = new ArrayList<>(List.of(1, 2, 3));

        var outcome = ProcessMemoryIsolation.run(parentList, Duration.ofSeconds(20), dir);

        assertEquals(0, outcome.childN());
        assertEquals(List.of(1, 2, 3, 999), outcome.childList());
        assertEquals(100, outcome.parentNAfter());
        assertEquals(100, ProcessMemoryIsolation.n);
        assertEquals(List.of(1, 2, 3), parentList);
    }
}
