package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.Config;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-01. Python original: PC-01's producers and consumers around one {@code queue.Queue},
 * ended by poison pills, and PROC-08's {@code multiprocessing.Queue} between processes.
 *
 * <p>The same shape beyond one machine: a bounded Hazelcast {@link IQueue} lives in the cluster,
 * two producers and two consumers each reach it through a different member, and one poison pill
 * per consumer ends them. Every item travels as serialized bytes over a loopback socket to the
 * member that owns the queue's partition; the queue's capacity comes from {@link QueueConfig},
 * so a producer's {@code put} waits, exactly like {@code ArrayBlockingQueue.put}, while the
 * queue is full.
 */
public final class QueueAcrossMembers {
    private static final Logger log = LoggerFactory.getLogger(QueueAcrossMembers.class);

    /** The queue every member shares, and the item that tells a consumer to stop. */
    public static final String QUEUE = "jobs";
    static final int POISON_PILL = -1;

    /** What each consumer took, and on which member each producer and consumer ran. */
    public record Outcome(List<List<Integer>> takenByConsumer, long putSum, Map<String, String> memberOfThread) {
        public long takeSum() {
            return takenByConsumer.stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        }
    }

    private QueueAcrossMembers() {
    }

    public static void main(String[] args) throws Exception {
        try (var cluster = Cluster.start(3, boundedQueue(4))) {
            var outcome = run(cluster.members(), 20, Duration.ofSeconds(10));
            log.info("put {} items (sum {}), took {} (sum {}); consumers took {}", 2 * 20, outcome.putSum(),
                    outcome.takenByConsumer().stream().mapToInt(List::size).sum(), outcome.takeSum(),
                    outcome.takenByConsumer());
        }
    }

    /**
     * Producer k puts items k*1000+1 .. k*1000+n through member k; consumer k takes through the
     * member after it; once both producers are done, one pill per consumer ends them.
     */
    public static Outcome run(List<HazelcastInstance> members, int itemsPerProducer, Duration timeout)
            throws InterruptedException {
        var taken = List.of(new ArrayList<Integer>(), new ArrayList<Integer>());
        var putSum = new AtomicLong();
        var memberOf = new ConcurrentHashMap<String, String>();
        var consumers = new ArrayList<Thread>();
        var producers = new ArrayList<Thread>();
        for (int k = 0; k < 2; k++) {
            HazelcastInstance consumerMember = members.get((k + 1) % members.size());
            HazelcastInstance producerMember = members.get(k % members.size());
            List<Integer> mine = taken.get(k);
            int first = k * 1000 + 1;
            consumers.add(Thread.ofPlatform().name("consumer-", k).start(() -> {
                memberOf.put(Thread.currentThread().getName(), consumerMember.getName());
                consume(consumerMember.getQueue(QUEUE), mine, timeout);
                log.info("took {} items through member {}, then its pill", mine.size(), consumerMember.getName());
            }));
            producers.add(Thread.ofPlatform().name("producer-", k).start(() -> {
                memberOf.put(Thread.currentThread().getName(), producerMember.getName());
                putSum.addAndGet(produce(producerMember.getQueue(QUEUE), first, itemsPerProducer));
                log.info("put {} items through member {}", itemsPerProducer, producerMember.getName());
            }));
        }
        joinAll(producers, timeout);
        IQueue<Integer> queue = members.getFirst().getQueue(QUEUE);
        for (int k = 0; k < consumers.size(); k++) {
            queue.put(POISON_PILL);
        }
        joinAll(consumers, timeout);
        return new Outcome(taken.stream().map(List::copyOf).toList(), putSum.get(), Map.copyOf(memberOf));
    }

    // tag::idiom[]
    /** Member config: the queue holds at most {@code capacity} items, cluster-wide. */
    public static UnaryOperator<Config> boundedQueue(int capacity) {
        return config -> config.addQueueConfig(new QueueConfig(QUEUE).setMaxSize(capacity));
    }

    /** Puts n items from {@code first} on; returns the sum of those it put. */
    static long produce(IQueue<Integer> queue, int first, int n) {
        long sum = 0;
        try {
            for (int item = first; item < first + n; item++) {
                queue.put(item); // waits while the cluster's queue is full
                sum += item;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sum;
    }

    /** Takes until the pill; a timed poll, so a lost pill ends in an error instead of a hang. */
    static void consume(IQueue<Integer> queue, List<Integer> taken, Duration timeout) {
        try {
            while (true) {
                Integer item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    throw new IllegalStateException("no item and no pill within " + timeout.toMillis() + " ms");
                }
                if (item == POISON_PILL) {
                    return;
                }
                taken.add(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
    // end::idiom[]

    private static void joinAll(List<Thread> threads, Duration timeout) throws InterruptedException {
        for (Thread t : threads) {
            if (!t.join(timeout)) {
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException(t.getName() + " did not finish within " + timeout.toMillis() + " ms");
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
