package cookbook.distributed;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import cookbook.distributed.ChildJvmCluster.Cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildJvmClusterTest {
    // Two JVMs start side by side on 2 cores: 9-15 s to form the cluster here, more under load.
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    @DisplayName("DIST-07: this JVM and two child JVMs form one cluster over loopback: each child's pid and 127.0.0.1 address arrive in this JVM's map; closing their stdin makes them leave, exit 0, and leave nothing behind")
    void childJvmsFormOneCluster() throws Exception {
        ChildJvmCluster.Outcome outcome;
        try (var cluster = Cluster.start(1, UnaryOperator.identity())) {
            outcome = ChildJvmCluster.run(cluster.member(0), 2, TIMEOUT);
        }

        assertEquals(3, outcome.sizeWithChildren(), "this JVM's member and one member per child");
        assertEquals(new TreeSet<>(outcome.childPids()), outcome.addressOfPid().keySet(),
                "each child wrote its own pid, read here through the cluster");
        assertFalse(outcome.addressOfPid().containsKey(ProcessHandle.current().pid()));
        var addresses = List.copyOf(outcome.addressOfPid().values());
        assertTrue(addresses.stream().allMatch(a -> a.startsWith("[127.0.0.1]:")), addresses.toString());
        assertEquals(2, addresses.stream().distinct().count(), "two members, two ports");
        assertEquals(List.of(0, 0), outcome.exitCodes(), "both left on the signal, not by force");
        assertEquals(1, outcome.sizeAfter());
        for (long pid : outcome.childPids()) {
            assertTrue(ProcessHandle.of(pid).isEmpty(), "child " + pid + " is gone");
        }
        assertTrue(outcome.perRemoteGet().isPositive());
    }
}
