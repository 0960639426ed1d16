package cookbook.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cookbook.processes.SharedValueAndArray.Values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SharedValueAndArrayTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("PROC-10: the child's mapping shows the parent's 666, ' ', ' ', [11, 22, 33, 44]; the parent's then shows the child's 888, 'a', '武', [666, 22, 33, 44]")
    void bothSidesSeeTheOthersStoresThroughTheirOwnMapping() throws Exception {
        var outcome = SharedValueAndArray.run(dir, Duration.ofSeconds(20));

        assertEquals(new Values(666, ' ', ' ', List.of(11, 22, 33, 44)), outcome.childSaw());
        assertEquals(new Values(888, 'a', '武', List.of(666, 22, 33, 44)), outcome.parentSees());
        assertNotEquals(ProcessHandle.current().pid(), outcome.childPid());
    }
}
