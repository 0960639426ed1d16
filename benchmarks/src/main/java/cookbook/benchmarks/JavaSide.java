package cookbook.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cookbook.async.BlockingQueueOnVirtualThreads;
import cookbook.locks.LostUpdates;
import cookbook.locks.MutexManyThreads;
import cookbook.pools.PoolVsThreads;
import cookbook.pools.ThreadExplosion;
import cookbook.processes.LogFileStatistics;
import cookbook.processes.ProcessLaunchAndPids;
import cookbook.producerconsumer.PoisonPillQueue;
import cookbook.threads.ParallelRangeSum;
import org.slf4j.LoggerFactory;

/**
 * The Java side of every harness pair, run as a fresh JVM:
 * {@code java cookbook.benchmarks.JavaSide <workload> key=value... repeats=R}. It calls the
 * recipe's own public method (never a copy), {@code R} times in this one JVM, and prints the
 * same line as the Python scripts: {@code BENCH {"runs_ms": [cold, warm...], "check": "..."}}.
 * The check is a value the run computed (a count, a sum), so a wrong run cannot look fast.
 */
public final class JavaSide {
    /** One workload: runs once with the given parameters, returns its check value. */
    interface Workload {
        String run(Map<String, String> p) throws Exception;
    }

    static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    private static final List<Class<?>> RECIPES = List.of(MutexManyThreads.class, LostUpdates.class,
            ParallelRangeSum.class, PoolVsThreads.class, ThreadExplosion.class, BlockingQueueOnVirtualThreads.class,
            PoisonPillQueue.class, LogFileStatistics.class, ProcessLaunchAndPids.class);

    static {
        WORKLOADS.put("mutex", p -> {
            var builder = p.get("kind").equals("virtual") ? Thread.ofVirtual().name("vt-", 0)
                    : Thread.ofPlatform().name("t-", 0);
            return Long.toString(MutexManyThreads.count(builder, integer(p, "threads")).count());
        });
        WORKLOADS.put("counter", p -> Long.toString(
                LostUpdates.plusMinus(new LostUpdates.LockedCounter(), integer(p, "loops")).result()));
        WORKLOADS.put("cpu-sum", p -> {
            var t = ParallelRangeSum.sum(Long.parseLong(p.get("n")), integer(p, "workers"));
            return "count=" + t.count() + " sum=" + t.sum() + " mix=" + t.mixChecksum();
        });
        WORKLOADS.put("pool", p -> Integer.toString(PoolVsThreads.run(PoolVsThreads.Strategy.FIXED_POOL,
                integer(p, "tasks"), integer(p, "workers"), millis(p, "d_ms")).processed().size()));
        WORKLOADS.put("sleepers", p -> {
            var kind = p.get("kind").equals("virtual") ? ThreadExplosion.Kind.VIRTUAL_THREAD_PER_TASK
                    : ThreadExplosion.Kind.FIXED_POOL;
            return Integer.toString(ThreadExplosion.run(kind, integer(p, "tasks"), integer(p, "pool"),
                    millis(p, "d_ms")).tasks());
        });
        WORKLOADS.put("async-queue", p -> {
            int perProducer = integer(p, "per_producer");
            try (var run = BlockingQueueOnVirtualThreads.start(integer(p, "capacity"), perProducer, Duration.ZERO)) {
                return Integer.toString(run.consume(2 * perProducer, Duration.ZERO).consumed().size());
            }
        });
        WORKLOADS.put("mp-queue", p -> {
            var outcome = PoisonPillQueue.run(integer(p, "per_producer"), integer(p, "capacity"), Duration.ZERO,
                    Duration.ZERO);
            return Integer.toString(outcome.consumedBy().values().stream().mapToInt(c -> c.items().size()).sum());
        });
        WORKLOADS.put("log-stats", p -> {
            List<Path> files;
            try (Stream<Path> listing = Files.list(Path.of(p.get("dir")))) {
                files = listing.filter(f -> f.toString().endsWith(".log")).sorted().toList();
            }
            var outcome = LogFileStatistics.withThreads(files, integer(p, "workers"));
            return outcome.byFile().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue().total() + "/" + e.getValue().ip())
                    .collect(Collectors.joining(" "));
        });
        WORKLOADS.put("child-start", p -> {
            Path dir = Files.createTempDirectory("bench-child-start");
            try {
                int clean = 0;
                for (int i = 0; i < integer(p, "children"); i++) {
                    var o = ProcessLaunchAndPids.launch("child-" + i, Duration.ZERO, Duration.ofSeconds(30), dir);
                    clean += o.exitCode() == 0 && o.report().pid() == o.launchedPid() ? 1 : 0;
                }
                return Integer.toString(clean);
            } finally {
                deleteTree(dir);
            }
        });
    }

    private JavaSide() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !WORKLOADS.containsKey(args[0])) {
            System.err.println("usage: JavaSide <workload> key=value... repeats=R; workloads: " + WORKLOADS.keySet());
            System.exit(2);
        }
        var p = new LinkedHashMap<String, String>();
        for (String arg : List.of(args).subList(1, args.length)) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                System.err.println("parameters are key=value, got '" + arg + "'");
                System.exit(2);
            }
            p.put(kv[0], kv[1]);
        }
        int repeats = Integer.parseInt(p.getOrDefault("repeats", "1"));
        Workload workload = WORKLOADS.get(args[0]);
        // Python imports its modules before the clock starts; here that is loading the recipes'
        // classes and starting the logging library they call. The first timed run is still cold:
        // nothing of it has been interpreted or compiled yet.
        LoggerFactory.getILoggerFactory();
        for (Class<?> recipe : RECIPES) {
            Class.forName(recipe.getName(), true, recipe.getClassLoader());
        }
        var runs = new ArrayList<String>();
        String check = "";
        for (int r = 0; r < Math.max(1, repeats); r++) {
            long begin = System.nanoTime();
            check = workload.run(p);
            runs.add(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - begin) / 1e6));
        }
        System.out.println("BENCH {\"runs_ms\": [" + String.join(", ", runs) + "], \"check\": \""
                + Json.escape(check) + "\"}");
        System.out.flush();
        // A recipe's stray non-daemon thread must not keep the harness waiting.
        System.exit(0);
    }

    private static int integer(Map<String, String> p, String key) {
        String value = p.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing parameter " + key + "=...");
        }
        return Integer.parseInt(value);
    }

    private static Duration millis(Map<String, String> p, String key) {
        return Duration.ofMillis(integer(p, key));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
