package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlushBeforeLaunchTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-04: without a flush the parent's buffered line lands after the child's, once: [alex, Wu Peiqi]")
    void unflushedLineLandsLastAndOnlyOnce() throws Exception {
        var lines = FlushBeforeLaunch.run(dir.resolve("x1.txt"), false, Duration.ofSeconds(20));

        assertEquals(List.of("alex", "Wu Peiqi"), lines);
    }

    @Test
    @DisplayName("PROC-04: flushing before the launch keeps the order of the code: [Wu Peiqi, alex]")
    void flushBeforeLaunchKeepsTheOrder() throws Exception {
        var lines = FlushBeforeLaunch.run(dir.resolve("x2.txt"), true, Duration.ofSeconds(20));

        assertEquals(List.of("Wu Peiqi", "alex"), lines);
    }
}
