package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpawnVisibilityTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-03: a static set to [123] before the launch is not seen by the child, which starts with its own []")
    void staticsDoNotCross() throws Exception {
        var outcome = SpawnVisibility.run("123", Duration.ofSeconds(20), dir);

        assertEquals("[]", outcome.childSaw().get("static"));
        assertEquals(List.of(123), outcome.parentNameAfter());
    }

    @Test
    @DisplayName("PROC-03: arguments, environment, -D properties, working directory, files and stdin all reach the child")
    void explicitChannelsCross() throws Exception {
        var saw = SpawnVisibility.run("123", Duration.ofSeconds(20), dir).childSaw();

        assertEquals("123", saw.get("argument"));
        assertEquals("123", saw.get("environment"));
        assertEquals("123", saw.get("property"));
        assertEquals("123", saw.get("file"));
        assertEquals("123", saw.get("stdin"));
        assertEquals(dir.toRealPath(), Path.of(saw.get("directory")).toRealPath());
    }

    @Test
    @DisplayName("PROC-03: the child inherits a copy of the parent's environment by default")
    void environmentIsInheritedByDefault() throws Exception {
        var saw = SpawnVisibility.run("123", Duration.ofSeconds(20), dir).childSaw();

        assertEquals(String.valueOf(System.getenv("PATH")), saw.get("PATH"));
    }
}
