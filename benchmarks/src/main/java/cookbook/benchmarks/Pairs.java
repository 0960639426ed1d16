package cookbook.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness compares: each pair is one recipe's workload as Java (through
 * {@link JavaSide}) and as its Python original (a script under {@code benchmarks/python/}),
 * with the same parameters on both sides, and the ratios a reader wants from them, some with
 * the target issue 13 set. Full sizes for {@code ./cookbook bench}; tiny ones for the smoke test.
 */
final class Pairs {
    enum Language { JAVA, PYTHON }

    /** Which of a side's times a ratio divides: the first run in a fresh process, later runs, or the whole process. */
    enum Kind { COLD, WARM, WALL }

    /** One process to start: {@code workload} is a {@link JavaSide} workload or a script name. */
    record Side(String label, Language language, String workload, Map<String, String> params) {
    }

    /**
     * {@code numerator} ÷ {@code denominator} (a side label), or ÷ {@code idealMs} when the
     * denominator is null, times {@code scale} (1, or the ratio of the sides' sizes when they
     * ran different sizes). {@code target} is {@code ">= 15"}, {@code "<= 1.03"} or null.
     */
    record Ratio(String name, String numerator, String denominator, double idealMs, Kind kind, String target,
                 double scale) {
        boolean met(double value) {
            return meets(value, target);
        }
    }

    /** True when {@code value} meets {@code target} ({@code ">= 15"}, {@code "<= 1.03"}) or there is no target. */
    static boolean meets(double value, String target) {
        if (target == null) {
            return true;
        }
        double bound = Double.parseDouble(target.substring(3));
        return target.startsWith(">=") ? value >= bound : value <= bound;
    }

    record Pair(String name, String recipe, String title, List<Side> sides, List<Ratio> ratios) {
    }

    private Pairs() {
    }

    static List<Pair> all(boolean smoke) {
        int mutexThreads = smoke ? 200 : 20_000;
        int loops = smoke ? 2_000 : 1_000_000;
        long n = smoke ? 20_000 : 4_000_000;
        // Java sums the range about 200 times faster than CPython, so its sides get a range 100
        // times larger: at 4,000,000 a Java run takes ~6 ms, too short for a second thread to
        // pay for itself while the JIT's own threads still share the cores.
        long javaN = smoke ? n : 100 * n;
        int sleepers = smoke ? 200 : 10_000;
        int dMs = smoke ? 5 : 50;
        int queued = smoke ? 200 : 20_000;
        int mpItems = smoke ? 100 : 10_000;
        String repeats = smoke ? "2" : "3";
        // The first warm runs of a JVM may still be JIT-compiling the loop: enough runs that the
        // median is the compiled code's.
        String javaRepeats = smoke ? "2" : "9";
        return List.of(
                new Pair("mutex", "LCK-02", "20,000 threads, one lock, one increment each", List.of(
                        python("python", "mutex.py", "threads", mutexThreads, "repeats", repeats),
                        java("java-virtual", "mutex", "threads", mutexThreads, "kind", "virtual", "repeats", repeats),
                        java("java-platform", "mutex", "threads", mutexThreads, "kind", "platform", "repeats", repeats)),
                        List.of(ratio("Python ÷ Java virtual threads", "python", "java-virtual", Kind.COLD, ">= 15"),
                                ratio("Python ÷ Java platform threads", "python", "java-platform", Kind.COLD, null),
                                ratio("Java platform ÷ virtual", "java-platform", "java-virtual", Kind.WARM, null))),
                new Pair("counter", "LCK-01", "+1 and -1, a million times each, under a lock", List.of(
                        python("python", "counter.py", "loops", loops, "repeats", repeats),
                        java("java", "counter", "loops", loops, "repeats", repeats)),
                        List.of(ratio("Python ÷ Java", "python", "java", Kind.COLD, null),
                                ratio("Python ÷ Java", "python", "java", Kind.WARM, null))),
                new Pair("cpu-sum", "THR-05", "CPU-bound sum of a range in 1 and 2 workers (no GIL)", List.of(
                        java("java-1-thread", "cpu-sum", "n", javaN, "workers", 1, "repeats", javaRepeats),
                        java("java-2-threads", "cpu-sum", "n", javaN, "workers", 2, "repeats", javaRepeats),
                        python("python-1-thread", "cpu_sum.py", "n", n, "workers", 1, "mode", "threads", "repeats", repeats),
                        python("python-2-threads", "cpu_sum.py", "n", n, "workers", 2, "mode", "threads", "repeats", repeats),
                        python("python-2-processes", "cpu_sum.py", "n", n, "workers", 2, "mode", "processes", "repeats", repeats)),
                        List.of(ratio("Java speed-up, 1 -> 2 threads", "java-1-thread", "java-2-threads", Kind.WARM, ">= 1.9"),
                                ratio("Python speed-up, 1 -> 2 threads", "python-1-thread", "python-2-threads", Kind.WARM, null),
                                ratio("Python speed-up, 1 -> 2 processes", "python-1-thread", "python-2-processes", Kind.WARM, null),
                                new Ratio("Python ÷ Java per element, 1 worker", "python-1-thread", "java-1-thread", 0,
                                        Kind.WARM, null, (double) javaN / n))),
                new Pair("pool", "POOL-01", "100 tasks of d on a fixed pool of 10", List.of(
                        python("python", "pool.py", "tasks", 100, "workers", 10, "d_ms", dMs, "repeats", repeats),
                        java("java", "pool", "tasks", 100, "workers", 10, "d_ms", dMs, "repeats", repeats)),
                        List.of(new Ratio("Java achieved ÷ ceil(100/10)·d", "java", null, 10.0 * dMs, Kind.WARM, "<= 1.03", 1),
                                new Ratio("Python achieved ÷ ceil(100/10)·d", "python", null, 10.0 * dMs, Kind.WARM, null, 1))),
                new Pair("sleepers", "POOL-07", "10,000 sleepers of d: fixed pool of 200, virtual threads, asyncio", List.of(
                        java("java-pool-200", "sleepers", "tasks", sleepers, "kind", "pool", "pool", 200, "d_ms", dMs, "repeats", repeats),
                        java("java-virtual", "sleepers", "tasks", sleepers, "kind", "virtual", "pool", 200, "d_ms", dMs, "repeats", repeats),
                        python("python-asyncio", "sleepers.py", "tasks", sleepers, "d_ms", dMs, "repeats", repeats)),
                        List.of(ratio("Java pool of 200 ÷ virtual threads", "java-pool-200", "java-virtual", Kind.COLD, ">= 25"),
                                ratio("Python asyncio ÷ Java virtual threads", "python-asyncio", "java-virtual", Kind.COLD, null))),
                new Pair("async-queue", "ASYNC-06", "asyncio.Queue(5), 2 producers, 1 consumer", List.of(
                        python("python", "async_queue.py", "capacity", 5, "per_producer", queued, "repeats", repeats),
                        java("java", "async-queue", "capacity", 5, "per_producer", queued, "repeats", repeats)),
                        List.of(ratio("Python ÷ Java virtual threads + ArrayBlockingQueue(5)", "python", "java", Kind.COLD, ">= 3"),
                                ratio("Python ÷ Java", "python", "java", Kind.WARM, null))),
                new Pair("mp-queue", "PC-01", "multiprocessing.Queue(20), 2 producers, 2 consumers", List.of(
                        python("python", "mp_queue.py", "capacity", 20, "per_producer", mpItems, "repeats", repeats),
                        java("java", "mp-queue", "capacity", 20, "per_producer", mpItems, "repeats", repeats)),
                        List.of(ratio("Python processes ÷ Java threads", "python", "java", Kind.COLD, ">= 8"),
                                ratio("Python ÷ Java", "python", "java", Kind.WARM, null))),
                new Pair("log-stats", "PROC-16", "log-file statistics on a pool of 4", List.of(
                        python("python-processes", "log_stats.py", "dir", "@logs", "workers", 4, "repeats", repeats),
                        java("java-threads", "log-stats", "dir", "@logs", "workers", 4, "repeats", repeats)),
                        List.of(ratio("Python process pool ÷ Java thread pool", "python-processes", "java-threads", Kind.COLD, null),
                                ratio("Python ÷ Java", "python-processes", "java-threads", Kind.WARM, null))),
                new Pair("child-start", "PROC-01", "start a child process and join it, 5 times", List.of(
                        python("python", "child_start.py", "children", smoke ? 1 : 5, "repeats", repeats),
                        java("java", "child-start", "children", smoke ? 1 : 5, "repeats", repeats)),
                        List.of(ratio("Python multiprocessing ÷ Java ProcessBuilder", "python", "java", Kind.COLD, null))));
    }

    private static Ratio ratio(String name, String numerator, String denominator, Kind kind, String target) {
        return new Ratio(name, numerator, denominator, 0, kind, target, 1);
    }

    private static Side java(String label, String workload, Object... keyValues) {
        return new Side(label, Language.JAVA, workload, params(keyValues));
    }

    private static Side python(String label, String script, Object... keyValues) {
        return new Side(label, Language.PYTHON, script, params(keyValues));
    }

    private static Map<String, String> params(Object... keyValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i].toString(), keyValues[i + 1].toString());
        }
        return map;
    }
}
