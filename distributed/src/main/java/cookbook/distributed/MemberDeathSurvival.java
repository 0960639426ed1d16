package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-06. Python original: none; the seeds' processes share one machine, where a dead process
 * takes only its own memory with it (PROC-07 kills one and the manager's dict survives).
 *
 * <p>Across machines a member can die with part of the data. Hazelcast splits a map into 271
 * partitions and a queue lives in one; each partition has an owner and, with {@code backup-count 1},
 * a synchronous backup on another member. When the owner is hard-stopped
 * ({@code getLifecycleService().terminate()}, no goodbye, no hand-over), the backup is promoted and
 * nothing is lost. With {@code backup-count 0} (the broken variant, named so) whatever the dead
 * member owned is gone.
 */
public final class MemberDeathSurvival {
    private static final Logger log = LoggerFactory.getLogger(MemberDeathSurvival.class);

    public static final String MAP = "entries";
    public static final String QUEUE = "items";

    /** How many synchronous copies besides the owner's each partition keeps. */
    public enum Backups {
        ONE_BACKUP(1), BROKEN_NO_BACKUP(0);

        final int count;

        Backups(int count) {
            this.count = count;
        }
    }

    /** What was stored, what the dead member owned, and what the survivors still have. */
    public record Outcome(int entriesPut, int entriesOwnedByTheDead, int entriesLeft, int itemsPut, int itemsLeft,
                          String terminated) {
    }

    private MemberDeathSurvival() {
    }

    public static void main(String[] args) throws Exception {
        for (Backups backups : Backups.values()) {
            try (var cluster = Cluster.start(3, withBackups(backups))) {
                var o = run(cluster.members(), 100, 10, Duration.ofSeconds(20));
                log.info("{}: terminated {}; map {} of {} entries left ({} were owned by it), queue {} of {} items left",
                        backups, o.terminated(), o.entriesLeft(), o.entriesPut(), o.entriesOwnedByTheDead(),
                        o.itemsLeft(), o.itemsPut());
            }
        }
    }

    // tag::idiom[]
    /** Every member must run with the same backup counts. */
    public static UnaryOperator<Config> withBackups(Backups backups) {
        return config -> config
                .addMapConfig(new MapConfig(MAP).setBackupCount(backups.count).setAsyncBackupCount(0))
                .addQueueConfig(new QueueConfig(QUEUE).setBackupCount(backups.count).setAsyncBackupCount(0));
    }

    /**
     * Stores {@code entries} map entries and {@code items} queue items, hard-stops the member that
     * owns the queue, and counts what the survivors still have.
     */
    public static Outcome run(List<HazelcastInstance> members, int entries, int items, Duration timeout) {
        HazelcastInstance any = members.getFirst();
        awaitSafe(any, members.size(), timeout); // every partition has its owner and its backups
        IMap<Integer, String> map = any.getMap(MAP);
        IQueue<Integer> queue = any.getQueue(QUEUE);
        for (int i = 0; i < entries; i++) {
            map.put(i, "value-" + i);
        }
        for (int i = 0; i < items; i++) {
            queue.offer(i);
        }
        // A queue lives in the partition of its name: kill its owner, read through a survivor.
        var owner = any.getPartitionService().getPartition(QUEUE).getOwner();
        HazelcastInstance victim = members.stream().filter(m -> m.getCluster().getLocalMember().equals(owner))
                .findFirst().orElseThrow();
        int ownedByVictim = (int) map.keySet().stream()
                .filter(k -> any.getPartitionService().getPartition(k).getOwner().equals(owner)).count();
        victim.getLifecycleService().terminate();

        HazelcastInstance survivor = members.stream().filter(m -> m != victim).findFirst().orElseThrow();
        awaitSafe(survivor, members.size() - 1, timeout);
        return new Outcome(entries, ownedByVictim, survivor.getMap(MAP).size(), items,
                survivor.getQueue(QUEUE).size(), victim.getName());
    }
    // end::idiom[]

    /** Waits until the member sees {@code size} members and no partition is migrating or unbacked. */
    static void awaitSafe(HazelcastInstance member, int size, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (member.getCluster().getMembers().size() != size || !member.getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not settle at " + size + " members within "
                        + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /**
     * Members of one cluster in this JVM, on 127.0.0.1 only, found by TCP/IP join. Closing shuts
     * them down youngest first, so the oldest (the master) never hands over while others leave.
     */
    public record Cluster(List<HazelcastInstance> members) implements AutoCloseable {
        public static Cluster start(int size, UnaryOperator<Config> customise) {
            // A per-run port base (and cluster name): two runs side by side never join each other.
            return start(size, 20_000 + ThreadLocalRandom.current().nextInt(2_000) * 10, customise);
        }

        public static Cluster start(int size, int base, UnaryOperator<Config> customise) {
            String name = "cookbook-" + UUID.randomUUID();
            var members = new ArrayList<HazelcastInstance>();
            try {
                for (int i = 0; i < size; i++) {
                    members.add(Hazelcast.newHazelcastInstance(customise.apply(loopback(name, base, size + 4))));
                }
            } catch (RuntimeException e) {
                // A member the recipe itself stopped or terminated is already gone.
            members.reversed().stream().filter(m -> m.getLifecycleService().isRunning())
                    .forEach(HazelcastInstance::shutdown);
                throw new IllegalStateException("a Hazelcast member could not start on 127.0.0.1, ports " + base
                        + "-" + (base + size + 3) + ": " + e.getMessage(), e);
            }
            return new Cluster(List.copyOf(members));
        }

        static Config loopback(String name, int base, int ports) {
            var config = new Config().setClusterName(name)
                    .setProperty("hazelcast.phone.home.enabled", "false")
                    .setProperty("hazelcast.socket.bind.any", "false")
                    .setProperty("hazelcast.logging.type", "slf4j");
            var network = config.getNetworkConfig().setPort(base).setPortAutoIncrement(true).setPortCount(ports);
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            var join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true);
            // One address per port: a range written as one string is not accepted here.
            for (int port = base; port < base + ports; port++) {
                join.getTcpIpConfig().addMember("127.0.0.1:" + port);
            }
            return config;
        }

        public HazelcastInstance member(int index) {
            return members.get(index);
        }

        @Override
        public void close() {
            // A member the recipe itself stopped or terminated is already gone.
            members.reversed().stream().filter(m -> m.getLifecycleService().isRunning())
                    .forEach(HazelcastInstance::shutdown);
        }
    }
}
