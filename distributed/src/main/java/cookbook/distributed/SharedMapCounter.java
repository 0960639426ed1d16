package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import com.google.common.math.IntMath;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-02. Python original: PROC-12's {@code Manager().dict()}, shared by processes that read a
 * value and write it back.
 *
 * <p>A Hazelcast {@link IMap} is that dict across machines, and get-then-put on it loses updates
 * exactly like the manager's dict: two members both read 0, both write their own sum. Three
 * fixes, each an idiom of its own: {@code IMap.lock}/{@code unlock} around the read and the write
 * (a pessimistic, cluster-wide per-key lock), an entry processor (the addition runs on the member
 * that owns the key, one at a time per key), and {@code merge} (compare-and-replace, retried).
 */
public final class SharedMapCounter {
    private static final Logger log = LoggerFactory.getLogger(SharedMapCounter.class);

    public static final String MAP = "counters";
    public static final String KEY = "hits";

    /**
     * A test seam: {@code afterRead} sits between reading the counter and writing it back;
     * {@code lockBusy} says "I am about to wait for the map lock someone else holds".
     */
    public interface Window {
        Window NONE = () -> { };

        void afterRead();

        default void lockBusy() {
        }
    }

    /** One way to add to the counter; {@code add(map, delta)} is what a reader would copy. */
    public interface Adder {
        default void add(IMap<String, Integer> map, int delta) {
            add(map, delta, Window.NONE);
        }

        void add(IMap<String, Integer> map, int delta, Window window);
    }

    private SharedMapCounter() {
    }

    public static void main(String[] args) throws Exception {
        var adders = List.of(new UnsafeGetThenPut(), new MapLockCounter(), new EntryProcessorCounter(),
                new MergeCounter());
        try (var cluster = Cluster.start(2, UnaryOperator.identity())) {
            for (Adder adder : adders) {
                // No window here: two members race on loopback by themselves.
                int total = run(cluster.members(), adder, 200, Window.NONE);
                log.info("{}: member 1 added 1 and member 2 added 10, 200 times each: {} (exact: 2200)",
                        adder.getClass().getSimpleName(), total);
            }
        }
    }

    /** Broken: the read and the write are two network calls; another member writes in between. */
    public static final class UnsafeGetThenPut implements Adder {
        @Override
        public void add(IMap<String, Integer> map, int delta, Window window) {
            int value = map.getOrDefault(KEY, 0);
            window.afterRead();
            map.put(KEY, value + delta);
        }
    }

    /** A cluster-wide lock on the key, released in finally (and by its lease, if a member dies). */
    public static final class MapLockCounter implements Adder {
        @Override
        public void add(IMap<String, Integer> map, int delta, Window window) {
            lock(map, window);
            try {
                int value = map.getOrDefault(KEY, 0);
                window.afterRead();
                map.put(KEY, value + delta);
            } finally {
                map.unlock(KEY);
            }
        }
    }

    // tag::idiom[]
    /** The addition travels to the key's owner and runs there, one processor at a time per key. */
    public static final class EntryProcessorCounter implements Adder {
        @Override
        public void add(IMap<String, Integer> map, int delta, Window window) {
            map.getOrDefault(KEY, 0); // read like the broken twin, to go through the same window
            window.afterRead();
            map.executeOnKey(KEY, new AddTo(delta));
        }
    }

    /** Serializable: it is shipped to the member that owns the key. */
    record AddTo(int delta) implements EntryProcessor<String, Integer, Integer> {
        @Override
        public Integer process(Map.Entry<String, Integer> entry) {
            int sum = (entry.getValue() == null ? 0 : entry.getValue()) + delta;
            entry.setValue(sum);
            return sum;
        }
    }

    /** Compare-and-replace: if another member wrote since the read, read again and retry. */
    public static final class MergeCounter implements Adder {
        @Override
        public void add(IMap<String, Integer> map, int delta, Window window) {
            map.merge(KEY, delta, (old, d) -> {
                window.afterRead();
                return old + d;
            });
        }
    }
    // end::idiom[]

    /** tryLock first, so that a party that will wait can say so before it does (the tests' window). */
    static void lock(IMap<String, Integer> map, Window window) {
        if (!map.tryLock(KEY)) {
            window.lockBusy();
            map.lock(KEY);
        }
    }

    /**
     * One task per member: party k adds {@code 10^k} (1, 10, ...) {@code times} times through member
     * k, so a lost update shows which party lost it. The counter starts at 0.
     */
    public static List<Runnable> tasks(List<HazelcastInstance> members, Adder adder, int times, Window window) {
        members.getFirst().<String, Integer>getMap(MAP).put(KEY, 0);
        return IntStream.range(0, members.size()).<Runnable>mapToObj(k -> () -> {
            IMap<String, Integer> map = members.get(k).getMap(MAP);
            int delta = IntMath.pow(10, k);
            for (int i = 0; i < times; i++) {
                adder.add(map, delta, window);
            }
        }).toList();
    }

    /** Runs the tasks on threads party-0, party-1, ...; returns the counter's final value. */
    public static int run(List<HazelcastInstance> members, Adder adder, int times, Window window)
            throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (Runnable task : tasks(members, adder, times, window)) {
            threads.add(Thread.ofPlatform().name("party-", threads.size()).start(task));
        }
        for (Thread t : threads) {
            if (!t.join(Duration.ofSeconds(30))) {
                throw new IllegalStateException(t.getName() + " did not finish within 30 s");
            }
        }
        return members.getFirst().<String, Integer>getMap(MAP).get(KEY);
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
