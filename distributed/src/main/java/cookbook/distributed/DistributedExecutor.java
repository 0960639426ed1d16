package cookbook.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-04. Python original: POOL-01..03 and PROC-15's pools: {@code submit}, {@code map}, results
 * in input order, an exception raised in a worker re-raised by {@code result()}.
 *
 * <p>The pools chapter beyond one machine: a Hazelcast {@link IExecutorService} runs a task on a
 * chosen member, on the member that owns a key (so the task runs next to its data), or on every
 * member. The task travels: its class must be {@link Serializable}, and so must its fields and its
 * result. A task that throws comes back as {@link ExecutionException} with the original cause.
 */
public final class DistributedExecutor {
    private static final Logger log = LoggerFactory.getLogger(DistributedExecutor.class);

    public static final String EXECUTOR = "squares";

    /** What a task computed, on which member and on which thread. */
    public record Result(int input, int output, String member, String thread) implements Serializable {
    }

    private DistributedExecutor() {
    }

    public static void main(String[] args) throws Exception {
        try (var cluster = Cluster.start(3, UnaryOperator.identity())) {
            IExecutorService executor = cluster.member(0).getExecutorService(EXECUTOR);
            for (Result r : squares(executor, List.of(1, 2, 3, 4, 5, 6))) {
                log.info("{}^2 = {} on member {} ({})", r.input(), r.output(), r.member(), r.thread());
            }
            log.info("key 'alice' is owned by {}: ran there: {}", cluster.member(0).getPartitionService()
                    .getPartition("alice").getOwner(), executor.submitToKeyOwner(new Square(7), "alice").get().member());
            executor.submitToAllMembers(new Square(8)).values().forEach(f -> log.info("on every member: {}", get(f)));
            try {
                executor.submit(new Square(-1)).get();
            } catch (ExecutionException e) {
                log.info("a task that throws: ExecutionException, cause {}", e.getCause().toString());
            }
        }
    }

    /** Serializable, so it can travel; told which member it landed on before it runs. */
    public static final class Square implements Callable<Result>, Serializable, HazelcastInstanceAware {
        private final int n;
        private transient HazelcastInstance member;

        public Square(int n) {
            this.n = n;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance member) {
            this.member = member;
        }

        @Override
        public Result call() {
            if (n < 0) {
                throw new IllegalArgumentException("no square for a negative number: " + n);
            }
            return new Result(n, n * n, member.getName(), Thread.currentThread().getName());
        }
    }

    // tag::idiom[]
    /** Submits one task per input (the executor picks members), then reads results in input order. */
    public static List<Result> squares(IExecutorService executor, List<Integer> inputs)
            throws InterruptedException, ExecutionException {
        var futures = new ArrayList<Future<Result>>();
        for (int n : inputs) {
            futures.add(executor.submit(new Square(n)));
        }
        var results = new ArrayList<Result>();
        for (Future<Result> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    public static Result onMember(IExecutorService executor, Member member, int n)
            throws InterruptedException, ExecutionException {
        return executor.submitToMember(new Square(n), member).get();
    }

    public static Result onKeyOwner(IExecutorService executor, Object key, int n)
            throws InterruptedException, ExecutionException {
        return executor.submitToKeyOwner(new Square(n), key).get();
    }

    public static Map<Member, Future<Result>> onAllMembers(IExecutorService executor, int n) {
        return executor.submitToAllMembers(new Square(n));
    }
    // end::idiom[]

    private static Result get(Future<Result> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
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
