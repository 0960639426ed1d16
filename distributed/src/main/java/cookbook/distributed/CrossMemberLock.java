package cookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-03. Python original: PROC-13/14's {@code multiprocessing.Lock} around a counter that several
 * processes update.
 *
 * <p>Across members the lock is {@code IMap.lock(key, lease)}: a per-key lock held by one thread of
 * one member, released by {@code unlock}, by the cluster when the holder's member dies, or by its
 * lease running out. The lease is what makes it unsafe as a mutual exclusion guarantee: a holder
 * that pauses (a long GC, a frozen VM) past its lease wakes up, writes anyway, and overwrites what
 * the next holder wrote. Only a fenced lock (a token the storage checks on every write) stops that,
 * and Hazelcast's {@code FencedLock} belongs to the CP subsystem, Enterprise-only since 5.5.
 */
public final class CrossMemberLock {
    private static final Logger log = LoggerFactory.getLogger(CrossMemberLock.class);

    public static final String MAP = "tickets";
    public static final String KEY = "last-ticket";

    /** What a paused holder and the member that took the lock after its lease did. */
    public record StaleWrite(int holderTicket, List<Integer> otherTickets, int counterAfter, Throwable holderFailure) {
    }

    private CrossMemberLock() {
    }

    public static void main(String[] args) throws Exception {
        try (var cluster = Cluster.start(3, UnaryOperator.identity())) {
            var desks = new ArrayList<Thread>();
            for (HazelcastInstance member : cluster.members()) {
                desks.add(Thread.ofPlatform().name("desk-", desks.size()).start(() -> {
                    IMap<String, Integer> map = member.getMap(MAP);
                    var mine = new ArrayList<Integer>();
                    for (int i = 0; i < 5; i++) {
                        mine.add(take(map, Duration.ofSeconds(10)));
                    }
                    log.info("member {} issued tickets {}", member.getName(), mine);
                }));
            }
            for (Thread desk : desks) {
                desk.join();
            }
            var stale = pausedPastLease(cluster.member(1).getMap(MAP), cluster.member(0).getMap(MAP),
                    Duration.ofMillis(300));
            log.info("a holder paused past its 300 ms lease: the next holder issued {}; the paused one then wrote {}: "
                    + "the counter went back to {}, and only its unlock failed: {}", stale.otherTickets(),
                    stale.holderTicket(), stale.counterAfter(), stale.holderFailure().getClass().getSimpleName());
            try {
                cluster.member(0).getCPSubsystem().getLock("tickets");
            } catch (UnsupportedOperationException e) {
                log.info("getCPSubsystem().getLock(..) on Community Edition: {}", e.toString());
            }
        }
    }

    // tag::idiom[]
    /** The next ticket, under the key's lock; the lease frees the lock if this holder never unlocks. */
    public static int take(IMap<String, Integer> map, Duration lease) {
        return take(map, lease, ticket -> { });
    }

    /** {@code whileHeld} gets the ticket between reading the counter and writing it: a pause, in tests. */
    static int take(IMap<String, Integer> map, Duration lease, IntConsumer whileHeld) {
        map.lock(KEY, lease.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int ticket = map.getOrDefault(KEY, 0) + 1;
            whileHeld.accept(ticket);
            // Not fenced: if the lease ran out during the pause, this write still lands.
            map.put(KEY, ticket);
            return ticket;
        } finally {
            // Throws IllegalMonitorStateException when the lease had run out: after the damage.
            map.unlock(KEY);
        }
    }
    // end::idiom[]

    /**
     * A holder on one member takes the lock with a short {@code lease} and pauses after its read;
     * once the lease is over, another member takes two tickets; then the holder wakes and writes.
     */
    public static StaleWrite pausedPastLease(IMap<String, Integer> holderSide, IMap<String, Integer> otherSide,
                                             Duration lease) throws InterruptedException {
        var paused = new CountDownLatch(1);
        var wake = new CountDownLatch(1);
        var holderTicket = new AtomicInteger();
        var holderFailure = new AtomicReference<Throwable>();
        Thread holder = Thread.ofPlatform().name("paused-holder").start(() -> {
            try {
                take(holderSide, lease, ticket -> {
                    holderTicket.set(ticket);
                    paused.countDown();
                    await(wake);
                });
            } catch (RuntimeException e) {
                holderFailure.set(e);
            }
        });
        if (!paused.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the holder never took the lock");
        }
        // Each take waits for the lock: the first one until the holder's lease runs out.
        var others = List.of(take(otherSide, lease), take(otherSide, lease));
        wake.countDown();
        holder.join();
        return new StaleWrite(holderTicket.get(), others, otherSide.get(KEY), holderFailure.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused", e);
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
