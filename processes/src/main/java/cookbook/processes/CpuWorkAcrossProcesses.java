package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-17. Python original: to get past the GIL, two processes each count half of 0..100,000,000 and
 * send their part back through a {@code multiprocessing.Queue}; a combined version has each process
 * start three threads that print {@code Thread task executed}.
 *
 * <p>The process version is here for fidelity: each child JVM gets its range as arguments, starts its
 * threads, and prints {@code result <count> <sum>} on its stdout, which the parent adds up. The thread
 * version does the same in this JVM. Java has no GIL, so threads already run on every core: processes
 * only add JVM start-up and a text round trip. Speed-ups are logged by {@code main}, never asserted.
 */
public final class CpuWorkAcrossProcesses {
    private static final Logger log = LoggerFactory.getLogger(CpuWorkAcrossProcesses.class);

    /** How many numbers were counted, their sum, what the children printed, and the wall time. */
    public record Outcome(long count, long sum, List<String> childLines, Duration elapsed) {
    }

    private CpuWorkAcrossProcesses() {
    }

    /** Splits {@code 0..n} into {@code parts} child JVMs, each starting {@code threadsPerChild} threads. */
    public static Outcome withProcesses(long n, int parts, int threadsPerChild, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        long begin = System.nanoTime();
        var children = new ArrayList<Process>();
        try {
            for (int p = 0; p < parts; p++) {
                var command = javaCommand(RangeMain.class, Long.toString(n * p / parts),
                        Long.toString(n * (p + 1) / parts), Integer.toString(threadsPerChild));
                children.add(new ProcessBuilder(command).redirectError(dir.resolve("range-" + p + ".err").toFile())
                        .start());
            }
            long count = 0;
            long sum = 0;
            var lines = new ArrayList<String>();
            // Every child launched is read: none can be started and silently left out of the sum.
            for (int p = 0; p < children.size(); p++) {
                Process child = children.get(p);
                Path stderr = dir.resolve("range-" + p + ".err");
                // A few short lines fit in the pipe's buffer: wait first, so a hung child cannot hang us.
                if (!child.waitFor(timeout) || child.exitValue() != 0) {
                    throw failure("did not finish cleanly", child, stderr);
                }
                List<String> out;
                try (var reader = child.inputReader(StandardCharsets.UTF_8)) {
                    out = reader.lines().toList();
                }
                String last = out.isEmpty() ? "" : out.getLast();
                String[] words = last.split(" ");
                if (words.length != 3 || !words[0].equals("result")) {
                    throw failure("ended with '" + last + "' instead of 'result <count> <sum>'", child, stderr);
                }
                count += Long.parseLong(words[1]);
                sum += Long.parseLong(words[2]);
                lines.addAll(out.subList(0, out.size() - 1));
            }
            return new Outcome(count, sum, lines, Duration.ofNanos(System.nanoTime() - begin));
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    // tag::idiom[]
    /** The same split on {@code parts} platform threads of this JVM: no GIL, so this is the Java answer. */
    public static Outcome withThreads(long n, int parts) throws InterruptedException, ExecutionException {
        long begin = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(parts, Thread.ofPlatform().name("range-", 0).factory())) {
            var futures = new ArrayList<Future<long[]>>();
            for (int p = 0; p < parts; p++) {
                long from = n * p / parts;
                long to = n * (p + 1) / parts;
                futures.add(pool.submit(() -> countAndSum(from, to)));
            }
            long count = 0;
            long sum = 0;
            for (var future : futures) {
                count += future.get()[0];
                sum += future.get()[1];
            }
            return new Outcome(count, sum, List.of(), Duration.ofNanos(System.nanoTime() - begin));
        }
    }
    // end::idiom[]

    /** The seed counts ({@code res += 1}); we count and also sum, so a wrong split shows in both. */
    static long[] countAndSum(long from, long to) {
        long count = 0;
        long sum = 0;
        for (long i = from; i < to; i++) {
            count++;
            sum += i;
        }
        return new long[] {count, sum};
    }

    /** The child JVM: starts its threads, counts its range, prints {@code result <count> <sum>}. */
    public static final class RangeMain {
        public static void main(String[] args) throws InterruptedException {
            // stdout carries the result: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            long from = Long.parseLong(args[0]);
            long to = Long.parseLong(args[1]);
            int threads = Integer.parseInt(args[2]);
            // The seed's combined approach: a process is free to start threads of its own.
            var started = new ArrayList<Thread>();
            for (int t = 0; t < threads; t++) {
                started.add(Thread.ofPlatform().name("child-task-", t).start(() -> {
                    synchronized (protocol) {
                        protocol.println("Thread task executed");
                    }
                }));
            }
            for (Thread t : started) {
                t.join();
            }
            long[] result = countAndSum(from, to);
            protocol.println("result " + result[0] + " " + result[1]);
            protocol.flush();
        }
    }

    private static IllegalStateException failure(String what, Process child, Path stderr)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        return new IllegalStateException("child " + child.pid() + " " + what + "; exit code " + child.exitValue()
                + stderrTail(stderr));
    }

    // Java has no fork(): a child is a new JVM, the same java and class path, a nested class as main. The
    // JVM's own warnings would go to stdout, where a child may be speaking a protocol: send them to stderr.
    // A child that touches a class with a static SLF4J logger would start the parent's logging framework
    // (seconds of start-up on a busy machine, and output of its own): children get SLF4J's no-op provider.
    static List<String> javaCommand(Class<?> main, String... args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String stderrTail(Path err) throws IOException {
        List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
        return "; last lines of its stderr:\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cpu-work");
        try {
            long n = 100_000_000;
            int parts = Runtime.getRuntime().availableProcessors();
            var single = withThreads(n, 1);
            var threads = withThreads(n, parts);
            var processes = withProcesses(n, parts, 3, dir, Duration.ofSeconds(60));
            log.info("1 thread:    count {} sum {} in {} ms", single.count(), single.sum(), single.elapsed().toMillis());
            log.info("{} threads:   count {} sum {} in {} ms (speed-up {})", parts, threads.count(), threads.sum(),
                    threads.elapsed().toMillis(), String.format("%.1f", ratio(single, threads)));
            log.info("{} processes: count {} sum {} in {} ms (speed-up {}, start-up included); children said {}",
                    parts, processes.count(), processes.sum(), processes.elapsed().toMillis(),
                    String.format("%.1f", ratio(single, processes)), processes.childLines());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ratio(Outcome base, Outcome other) {
        return (double) base.elapsed().toNanos() / other.elapsed().toNanos();
    }
}
