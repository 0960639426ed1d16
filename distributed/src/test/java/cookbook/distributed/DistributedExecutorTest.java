package cookbook.distributed;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.IExecutorService;

import cookbook.distributed.DistributedExecutor.Cluster;
import cookbook.distributed.DistributedExecutor.Result;
import cookbook.distributed.DistributedExecutor.Square;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedExecutorTest {
    private Cluster cluster;
    private IExecutorService executor;

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(3, UnaryOperator.identity());
        executor = cluster.member(0).getExecutorService(DistributedExecutor.EXECUTOR);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    @DisplayName("DIST-04: submitted tasks come back in input order, computed on members' executor threads, not the caller's")
    void resultsInInputOrder() throws Exception {
        var inputs = List.of(9, 1, 8, 2, 7, 3, 6, 4, 5);
        var results = DistributedExecutor.squares(executor, inputs);

        assertEquals(inputs, results.stream().map(Result::input).toList());
        assertEquals(List.of(81, 1, 64, 4, 49, 9, 36, 16, 25), results.stream().map(Result::output).toList());
        var memberNames = cluster.members().stream().map(m -> m.getName()).toList();
        for (Result r : results) {
            assertTrue(memberNames.contains(r.member()), r.toString());
            assertTrue(r.thread().startsWith("hz." + r.member() + "."), "a pool thread of the member that ran it: " + r);
        }
    }

    @Test
    @DisplayName("DIST-04: submitToMember runs on that member, submitToKeyOwner on the key's owner, submitToAllMembers once on each")
    void targetedSubmission() throws Exception {
        for (var member : cluster.members()) {
            var target = member.getCluster().getLocalMember();
            assertEquals(member.getName(), DistributedExecutor.onMember(executor, target, 3).member());
        }
        for (String key : List.of("alice", "bob", "carol", "dave")) {
            var owner = cluster.member(0).getPartitionService().getPartition(key).getOwner();
            String ownerName = cluster.members().stream()
                    .filter(m -> m.getCluster().getLocalMember().equals(owner)).findFirst().orElseThrow().getName();
            assertEquals(ownerName, DistributedExecutor.onKeyOwner(executor, key, 4).member(), key);
        }
        var ranOn = new HashSet<String>();
        for (var entry : DistributedExecutor.onAllMembers(executor, 5).entrySet()) {
            ranOn.add(entry.getValue().get().member());
        }
        assertEquals(new HashSet<>(cluster.members().stream().map(m -> m.getName()).toList()), ranOn);
    }

    @Test
    @DisplayName("DIST-04: a task that throws on a remote member surfaces as ExecutionException carrying the original cause")
    void failureCarriesItsCause() {
        var target = cluster.member(2).getCluster().getLocalMember();
        var e = assertThrows(ExecutionException.class, () -> executor.submitToMember(new Square(-3), target).get());

        var cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("no square for a negative number: -3", cause.getMessage());
    }

    /** Not Serializable, but a record: Hazelcast 5 serializes records through zero-config Compact. */
    private record PlainRecord(int n) implements Callable<Integer> {
        @Override
        public Integer call() {
            return n * n;
        }
    }

    @Test
    @DisplayName("DIST-04: a lambda task is not refused at submit: it reaches the member as a Compact generic record and fails there")
    void taskMustBeSerializable() throws Exception {
        var target = cluster.member(1).getCluster().getLocalMember();
        Callable<Integer> lambda = () -> 1;

        var future = executor.submitToMember(lambda, target);
        var e = assertThrows(ExecutionException.class, future::get);

        assertTrue(String.valueOf(e.getCause()).contains("GenericRecord"), String.valueOf(e.getCause()));
        assertEquals(49, executor.submitToMember(new PlainRecord(7), target).get(), "a record travels and runs");
        assertTrue(Serializable.class.isAssignableFrom(Square.class));
    }
}
