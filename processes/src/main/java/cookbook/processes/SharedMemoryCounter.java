package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-11. Python original: a {@code multiprocessing.Value} has its own lock, yet two processes doing
 * {@code v.value += 1} still lose updates: sharing memory and locking it are separate things.
 *
 * <p>Two child JVMs increment one int in a shared mapped file, in three ways:
 * <ul>
 * <li>{@link Mode#UNSAFE}: plain get, then put. The parent referees: each child reports the value it
 * read and waits on its stdin; the parent answers only when both have read (a barrier across
 * processes), so both write the same value and one increment is lost in every round;</li>
 * <li>{@link Mode#FILE_LOCK}: the read-pause-write runs under {@code channel.lock(0, 4, false)}, the only
 * cross-process mutex the JDK offers. The other child cannot even read until the lock is released;</li>
 * <li>{@link Mode#ATOMIC}: one {@code getAndAdd} through a {@link VarHandle} on the mapped segment. CPU
 * atomics work on physical memory, so they hold across processes that map the same pages.</li>
 * </ul>
 */
public final class SharedMemoryCounter {
    private static final Logger log = LoggerFactory.getLogger(SharedMemoryCounter.class);

    public enum Mode { UNSAFE, FILE_LOCK, ATOMIC }

    /** The final counter, what it should be, and every value the children read, in arrival order. */
    public record Outcome(Mode mode, int expected, int actual, List<Integer> reads) {
    }

    private SharedMemoryCounter() {
    }

    /**
     * Starts {@code children} JVMs that each do {@code rounds} increments, releases them together,
     * and returns the counter. {@code pause} is spent inside the read-write window (locked modes).
     */
    public static Outcome run(Mode mode, int children, int rounds, Duration pause, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path shared = dir.resolve("counter-" + mode + ".bin");
        try (var channel = FileChannel.open(shared, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var arena = Arena.ofConfined()) {
            MemorySegment counter = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4, arena);
            counter.set(ValueLayout.JAVA_INT, 0, 0);

            var events = new LinkedBlockingQueue<String>();
            var processes = new ArrayList<Process>();
            var writers = new ArrayList<PrintWriter>();
            var readers = new ArrayList<Thread>();
            try {
                for (int c = 0; c < children; c++) {
                    Path stderr = dir.resolve("counter-" + mode + "-" + c + ".err");
                    Process p = launch(ChildMain.class, stderr, shared.toString(), mode.name(),
                            Integer.toString(rounds), Long.toString(pause.toMillis()));
                    processes.add(p);
                    writers.add(new PrintWriter(p.outputWriter(StandardCharsets.UTF_8), true));
                    // One reader per child funnels its lines into one queue: the parent must hear whichever
                    // child speaks next (under the lock, the other one is silent).
                    int index = c;
                    readers.add(Thread.ofPlatform().name("counter-child-" + c + "-stdout").start(() -> {
                        try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                            in.lines().forEach(line -> events.add(index + " " + line));
                        } catch (IOException ignored) {
                            // The child was destroyed; its exit code tells the story.
                        }
                        events.add(index + " eof");
                    }));
                }
                awaitAll(events, "ready", children, processes, dir, mode, timeout);
                // Released together, as Python's children start their loops together.
                writers.forEach(w -> w.println("go"));

                var reads = new ArrayList<Integer>();
                var waiting = new ArrayList<Integer>();
                var finished = new java.util.HashSet<Integer>();
                while (finished.size() < children) {
                    String[] event = next(events, processes, dir, mode, timeout).split(" ");
                    int child = Integer.parseInt(event[0]);
                    switch (event[1]) {
                        case "read" -> {
                            reads.add(Integer.parseInt(event[2]));
                            if (mode == Mode.UNSAFE) {
                                waiting.add(child);
                                // The cross-process barrier: nobody writes until everybody has read.
                                if (waiting.size() == children) {
                                    waiting.forEach(w -> writers.get(w).println("write"));
                                    waiting.clear();
                                }
                            }
                        }
                        case "done" -> finished.add(child);
                        // A child that ends its output after "done" is just exiting; before it, it crashed.
                        case "eof" -> {
                            if (!finished.contains(child)) {
                                throw failure("child " + child + " ended its output early", processes.get(child),
                                        dir.resolve("counter-" + mode + "-" + child + ".err"));
                            }
                        }
                        default -> throw failure("child " + child + " said '" + String.join(" ", event) + "'",
                                processes.get(child), dir.resolve("counter-" + mode + "-" + child + ".err"));
                    }
                }
                for (int c = 0; c < children; c++) {
                    awaitSuccess(processes.get(c), dir.resolve("counter-" + mode + "-" + c + ".err"), timeout);
                }
                var outcome = new Outcome(mode, children * rounds, counter.get(ValueLayout.JAVA_INT, 0), reads);
                log.info("{}: {} children x {} increments -> {} (expected {}); reads {}", mode, children, rounds,
                        outcome.actual(), outcome.expected(), reads);
                return outcome;
            } finally {
                processes.forEach(Process::destroyForcibly);
                for (Thread reader : readers) {
                    reader.join();
                }
            }
        }
    }

    private static void awaitAll(BlockingQueue<String> events, String word, int count, List<Process> processes,
            Path dir, Mode mode, Duration timeout) throws InterruptedException, IOException {
        for (int seen = 0; seen < count; seen++) {
            String event = next(events, processes, dir, mode, timeout);
            if (!event.endsWith(" " + word)) {
                int child = Integer.parseInt(event.split(" ")[0]);
                throw failure("expected '" + word + "' but child " + child + " said '" + event + "'",
                        processes.get(child), dir.resolve("counter-" + mode + "-" + child + ".err"));
            }
        }
    }

    private static String next(BlockingQueue<String> events, List<Process> processes, Path dir, Mode mode,
            Duration timeout) throws InterruptedException, IOException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw failure("no child spoke for " + timeout, processes.getFirst(), dir.resolve("counter-" + mode + "-0.err"));
        }
        return event;
    }

    private static IllegalStateException failure(String what, Process child, Path stderr)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        return new IllegalStateException(what + "; child " + child.pid() + " exit code " + child.exitValue()
                + "; stderr tail:\n" + tail(stderr));
    }

    /** The child JVM: maps the counter and increments it {@code rounds} times in the given mode. */
    public static final class ChildMain {
        private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
        private static PrintStream protocol;

        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            protocol = System.out;
            System.setOut(System.err);
            Mode mode = Mode.valueOf(args[1]);
            int rounds = Integer.parseInt(args[2]);
            Duration pause = Duration.ofMillis(Long.parseLong(args[3]));
            var parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                 var arena = Arena.ofConfined()) {
                MemorySegment counter = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4, arena);
                say("ready");
                expect(parent, "go");
                for (int r = 0; r < rounds; r++) {
                    switch (mode) {
                        case UNSAFE -> {
                            int seen = counter.get(ValueLayout.JAVA_INT, 0);
                            say("read " + seen);
                            // The race window, held open by the parent until the other child has read too.
                            expect(parent, "write");
                            counter.set(ValueLayout.JAVA_INT, 0, seen + 1);
                        }
                        case FILE_LOCK -> {
                            // Locks a region of the file, which is the region of memory both JVMs map.
                            try (var lock = channel.lock(0, 4, false)) {
                                int seen = counter.get(ValueLayout.JAVA_INT, 0);
                                say("read " + seen);
                                Thread.sleep(pause);
                                counter.set(ValueLayout.JAVA_INT, 0, seen + 1);
                            }
                        }
                        case ATOMIC -> {
                            // Read and write are one indivisible instruction: there is no window to hold open.
                            int seen = (int) INT.getAndAdd(counter, 0L, 1);
                            say("read " + seen);
                            Thread.sleep(pause);
                        }
                    }
                }
                say("done");
            }
        }

        private static void say(String line) {
            protocol.println(line);
            protocol.flush();
        }

        private static void expect(BufferedReader parent, String word) throws IOException {
            String line = parent.readLine();
            if (!word.equals(line)) {
                throw new IllegalStateException("expected '" + word + "' from the parent, got " + line);
            }
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void awaitSuccess(Process child, Path stderr, Duration timeout)
            throws IOException, InterruptedException {
        if (!child.waitFor(timeout)) {
            throw failure("still running after " + timeout, child, stderr);
        }
        if (child.exitValue() != 0) {
            throw failure("exited with code " + child.exitValue(), child, stderr);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("shared-counter");
        try {
            for (Mode mode : Mode.values()) {
                run(mode, 2, 5, Duration.ofMillis(100), dir, Duration.ofSeconds(30));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
