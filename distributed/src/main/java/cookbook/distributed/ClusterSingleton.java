package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-05. Python original: PROC-19's singletons, one per process; here the scope is the cluster.
 *
 * <p>Every member runs the same code and the same membership listener; only the oldest member
 * (the first of {@code getCluster().getMembers()}, which Hazelcast orders by join time) runs the
 * job. When it leaves, every remaining member hears {@code memberRemoved}, and the one that is
 * now the oldest starts the job. The leaving member stops its job before it leaves, so the two
 * never overlap; a member cut off by the network, rather than stopped, would not know to stop.
 */
public final class ClusterSingleton {
    private static final Logger log = LoggerFactory.getLogger(ClusterSingleton.class);

    /** The singleton job: it runs until its thread is interrupted. */
    @FunctionalInterface
    public interface Job {
        void run(HazelcastInstance member) throws InterruptedException;
    }

    private ClusterSingleton() {
    }

    public static void main(String[] args) throws Exception {
        Duration pace = Duration.ofMillis(700);
        try (var cluster = Cluster.start(3, UnaryOperator.identity())) {
            var singletons = new ArrayList<Singleton>();
            for (HazelcastInstance member : cluster.members()) {
                singletons.add(Singleton.start(member, ClusterSingleton::tick));
            }
            for (int leaving = 0; leaving < 2; leaving++) {
                Thread.sleep(pace);
                log.info("member {} leaves the cluster", cluster.member(leaving).getName());
                singletons.get(leaving).leave();
            }
            Thread.sleep(pace);
            singletons.forEach(Singleton::close);
        }
    }

    /** main's job: counts ticks in the cluster's map, so each runner continues where the last one stopped. */
    private static void tick(HazelcastInstance member) throws InterruptedException {
        var ticks = member.<String, Integer>getMap("singleton");
        while (true) {
            int tick = ticks.merge("ticks", 1, Integer::sum);
            log.info("tick {} on member {}", tick, member.getName());
            Thread.sleep(200);
        }
    }

    /** One per member; the oldest member's instance runs the job on its own thread. */
    public static final class Singleton implements MembershipListener, AutoCloseable {
        private final HazelcastInstance member;
        private final Job job;
        private Thread runner; // guarded by this
        private boolean closed; // guarded by this

        private Singleton(HazelcastInstance member, Job job) {
            this.member = member;
            this.job = job;
        }

        // tag::idiom[]
        /** Listens first, then looks: a change between the two is heard, not missed. */
        public static Singleton start(HazelcastInstance member, Job job) {
            var singleton = new Singleton(member, job);
            member.getCluster().addMembershipListener(singleton);
            singleton.runIfOldest();
            return singleton;
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            runIfOldest();
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            runIfOldest();
        }

        private synchronized void runIfOldest() {
            boolean oldest = member.getCluster().getMembers().iterator().next().localMember();
            if (oldest && runner == null && !closed) {
                runner = Thread.ofPlatform().name("singleton@" + member.getName()).start(this::runJob);
            }
        }

        /** Stops the job, then leaves: the next oldest starts only once this member is gone. */
        public void leave() {
            close();
            member.shutdown();
        }
        // end::idiom[]

        private void runJob() {
            log.info("member {} is the oldest: the job starts", member.getName());
            try {
                job.run(member);
            } catch (InterruptedException e) {
                log.info("member {}: the job stops", member.getName());
            } catch (RuntimeException e) {
                log.warn("member {}: the job failed: {}", member.getName(), e.toString());
            }
        }

        public synchronized boolean running() {
            return runner != null && runner.isAlive();
        }

        /** Stops the job on this member (interrupts and joins it); the member stays. */
        @Override
        public void close() {
            Thread stopping;
            synchronized (this) {
                closed = true; // a later membership event must not start it again
                stopping = runner;
            }
            if (stopping != null) {
                stopping.interrupt();
                try {
                    stopping.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
