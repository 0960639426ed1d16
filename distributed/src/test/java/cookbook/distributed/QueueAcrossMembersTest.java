package cookbook.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.hazelcast.collection.IQueue;

import cookbook.distributed.QueueAcrossMembers.Cluster;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueAcrossMembersTest {
    private static final int CAPACITY = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private Cluster cluster;

    // A cluster per test, not per class: a member grows its thread pools on demand, so threads a
    // shared cluster starts during one test would outlive it and fail the leak check.
    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(3, QueueAcrossMembers.boundedQueue(CAPACITY));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    @DisplayName("DIST-01: two producers and two consumers on different members: every item taken exactly once, put and take checksums equal")
    void nothingLostNothingTakenTwice() throws Exception {
        var outcome = QueueAcrossMembers.run(cluster.members(), 50, TIMEOUT);

        var taken = outcome.takenByConsumer().stream().flatMap(List::stream).sorted().toList();
        var put = IntStream.concat(IntStream.rangeClosed(1, 50), IntStream.rangeClosed(1001, 1050)).boxed().toList();
        assertEquals(put, taken, "every item put is taken once: none lost, none twice");
        assertEquals(outcome.putSum(), outcome.takeSum());
        assertEquals(put.stream().mapToLong(Integer::longValue).sum(), outcome.putSum());
        var members = outcome.memberOfThread();
        assertNotEquals(members.get("producer-0"), members.get("producer-1"));
        assertNotEquals(members.get("consumer-0"), members.get("consumer-1"));
        assertEquals(0, cluster.member(2).getQueue(QueueAcrossMembers.QUEUE).size(), "the pills were taken too");
    }

    @Test
    @DisplayName("DIST-01: with QueueConfig's capacity reached, a producer's put waits until a consumer on another member takes")
    void producersBlockWhenFull() throws Exception {
        IQueue<Integer> producerSide = cluster.member(0).getQueue(QueueAcrossMembers.QUEUE);
        IQueue<Integer> consumerSide = cluster.member(2).getQueue(QueueAcrossMembers.QUEUE);
        for (int item = 1; item <= CAPACITY; item++) {
            assertTrue(producerSide.offer(item));
        }
        assertFalse(producerSide.offer(99, 50, TimeUnit.MILLISECONDS), "the cluster's queue is bounded");

        try (var producer = BlockingThread.start("producer", () -> producerSide.put(99))) {
            producer.awaitParked();
            assertFalse(producer.hasEnded(), "put waits while the queue is full");
            assertEquals(CAPACITY, consumerSide.size());

            assertEquals(1, consumerSide.take());
            assertNull(producer.awaitEnd(), "one take lets the waiting put through");
        }
        var rest = new ArrayList<Integer>();
        consumerSide.drainTo(rest);
        assertEquals(List.of(2, 3, 4, 99), rest);
    }

    @Test
    @DisplayName("DIST-01: a member that cannot bind its ports fails with one line naming 127.0.0.1 and the ports")
    void memberThatCannotStartSaysWhy() throws IOException {
        int base = 40_000 + (int) (ProcessHandle.current().pid() % 1_000) * 10;
        var taken = new ArrayList<ServerSocket>();
        try {
            for (int port = base; port < base + 5; port++) {
                taken.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            var e = assertThrows(IllegalStateException.class, () -> Cluster.start(1, base, c -> c).close());

            assertTrue(e.getMessage().startsWith("a Hazelcast member could not start on 127.0.0.1, ports "
                    + base + "-" + (base + 4) + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        } finally {
            for (ServerSocket socket : taken) {
                socket.close();
            }
        }
    }

}
