package cookbook.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DIST-07. Python original: PROC-01/02's {@code multiprocessing.Process}, children of one parent,
 * here joined into one cluster.
 *
 * <p>The other recipes start their members in one JVM, which a sceptical reader may suspect of
 * sharing memory. Here this JVM starts one member and two child JVMs ({@link ProcessBuilder}, an
 * argument list, the same {@code java} and class path) start one member each; they find each
 * other over loopback TCP, each child writes its process id into a map, and this JVM reads both.
 * Closing a child's standard input tells it to leave; its output is drained all along, and a
 * child still alive at the end is destroyed in {@code finally}.
 */
public final class ChildJvmCluster {
    private static final Logger log = LoggerFactory.getLogger(ChildJvmCluster.class);

    public static final String PIDS = "pids";

    /** What Hazelcast asks of JDK 25 to start without warnings (the module's jvm.options, inline). */
    static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    /**
     * The cluster's size once every child joined, the address each child's member reported under
     * its process id, the children's exit codes, and the cluster's size after they left.
     */
    public record Outcome(int sizeWithChildren, Map<Long, String> addressOfPid, List<Long> childPids,
                          List<Integer> exitCodes, int sizeAfter, Duration perRemoteGet) {
    }

    private ChildJvmCluster() {
    }

    public static void main(String[] args) throws Exception {
        try (var cluster = Cluster.start(1, UnaryOperator.identity())) {
            var o = run(cluster.member(0), 2, Duration.ofSeconds(60));
            log.info("this JVM (pid {}) and {} children formed a cluster of {}; the children wrote {}",
                    ProcessHandle.current().pid(), o.childPids().size(), o.sizeWithChildren(), o.addressOfPid());
            log.info("an IMap.get whose key a child owns took {} µs on average (one loopback round trip)",
                    o.perRemoteGet().toNanos() / 1_000);
            log.info("children exited with {}; the cluster is back to {} member", o.exitCodes(), o.sizeAfter());
        }
    }

    /** A child JVM's main: one member, same join settings, stays until its stdin closes. */
    public static final class ChildMember {
        public static void main(String[] args) throws IOException {
            var config = Cluster.loopback(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
            try {
                member.getMap(PIDS).put(ProcessHandle.current().pid(),
                        member.getCluster().getLocalMember().getAddress().toString());
                System.in.transferTo(OutputStream.nullOutputStream()); // until the parent closes it
            } finally {
                member.shutdown();
            }
        }
    }

    // tag::idiom[]
    /** Starts {@code children} child JVMs that join {@code here}'s cluster, then lets them go. */
    public static Outcome run(HazelcastInstance here, int children, Duration timeout)
            throws IOException, InterruptedException {
        var config = here.getConfig();
        var network = config.getNetworkConfig();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Start fast on a small machine: shared class data, the quick compiler only, one GC thread.
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildMember.class.getName(),
                config.getClusterName(), String.valueOf(network.getPort()), String.valueOf(network.getPortCount())));
        var started = new ArrayList<Child>();
        try {
            for (int i = 0; i < children; i++) {
                started.add(Child.start(new ProcessBuilder(command).redirectErrorStream(true)));
            }
            var pids = here.<Long, String>getMap(PIDS);
            await(() -> pids.size() == children, timeout, started, "the children did not join");
            int size = here.getCluster().getMembers().size();
            var addresses = new TreeMap<>(pids);
            Duration perRemoteGet = remoteGetLatency(here);
            var exitCodes = new ArrayList<Integer>();
            for (Child child : started) {
                exitCodes.add(child.leave(timeout));
            }
            await(() -> here.getCluster().getMembers().size() == 1, timeout, started, "the children did not leave");
            return new Outcome(size, addresses, started.stream().map(c -> c.process.pid()).toList(), exitCodes,
                    here.getCluster().getMembers().size(), perRemoteGet);
        } finally {
            for (Child child : started) {
                child.destroy();
            }
        }
    }
    // end::idiom[]

    /** A child process and the thread that drains its output, keeping the last lines for errors. */
    record Child(Process process, Thread drain, Deque<String> tail) {
        static Child start(ProcessBuilder builder) throws IOException {
            Process process = builder.start();
            Deque<String> tail = new ArrayDeque<>();
            Thread drain = Thread.ofPlatform().name("drain-" + process.pid()).daemon(true).start(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > 20) {
                                tail.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the child was destroyed: its output ends here
                }
            });
            return new Child(process, drain, tail);
        }

        /** Closes the child's stdin (its signal to leave) and waits for its exit code. */
        int leave(Duration timeout) throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child " + process.pid() + " did not exit: " + lastLines());
            }
            drain.join(timeout);
            return process.exitValue();
        }

        void destroy() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            drain.join();
        }

        String lastLines() {
            synchronized (tail) {
                return String.join(" | ", tail);
            }
        }
    }

    /** The mean time of an {@code IMap.get} whose key another process owns: one loopback round trip. */
    static Duration remoteGetLatency(HazelcastInstance here) {
        IMap<Integer, Integer> map = here.getMap("latency");
        var local = here.getCluster().getLocalMember();
        List<Integer> remote = IntStream.range(0, 500).boxed()
                .filter(k -> !here.getPartitionService().getPartition(k).getOwner().equals(local)).toList();
        remote.forEach(k -> map.put(k, k)); // also warms the connections and the code paths
        long start = System.nanoTime();
        remote.forEach(map::get);
        return Duration.ofNanos((System.nanoTime() - start) / Math.max(1, remote.size()));
    }

    private static void await(BooleanSupplier done, Duration timeout, List<Child> children, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            for (Child child : children) {
                if (!child.process.isAlive() && child.process.exitValue() != 0) {
                    throw new IllegalStateException(what + ": child " + child.process.pid() + " exited with "
                            + child.process.exitValue() + ": " + child.lastLines());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
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
