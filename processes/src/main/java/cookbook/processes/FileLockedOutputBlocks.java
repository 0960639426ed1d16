package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-13. Python original: three processes print three progress lines each; without a shared
 * {@code multiprocessing.Lock} the lines interleave round by round, with it each process prints its
 * whole block before the next one starts.
 *
 * <p>Java's cross-process lock is a file lock: each child opens the same lock file and holds
 * {@link FileChannel#lock()} around its block of lines. The children append to one output file, one
 * write per line.
 *
 * <p>The unlocked run is refereed by the parent so it interleaves on every run: after each line a
 * child waits on its stdin, and the parent lets all of them go on only when every child has written
 * that round. Under the lock that barrier could never fill, so locked children pause between lines
 * instead, the seed's sleep, and the lock alone keeps their blocks whole.
 */
public final class FileLockedOutputBlocks {
    private static final Logger log = LoggerFactory.getLogger(FileLockedOutputBlocks.class);

    /** The output file's lines, in file order, and the time from "go" until every child was done. */
    public record Outcome(boolean locked, List<String> lines, Duration elapsed) {
    }

    private FileLockedOutputBlocks() {
    }

    public static Outcome run(boolean locked, int children, int lines, Duration pause, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path out = dir.resolve(locked ? "locked.txt" : "unlocked.txt");
        Path lockFile = dir.resolve("output.lock");
        Files.deleteIfExists(out);
        var events = new LinkedBlockingQueue<String>();
        var processes = new ArrayList<Process>();
        var writers = new ArrayList<PrintWriter>();
        var readers = new ArrayList<Thread>();
        try {
            for (int c = 0; c < children; c++) {
                Process p = launch(ChildMain.class, dir.resolve("progress-" + c + ".err"), out.toString(),
                        lockFile.toString(), "Progress" + (c + 1), Integer.toString(lines),
                        Long.toString(pause.toMillis()), Boolean.toString(locked));
                processes.add(p);
                writers.add(new PrintWriter(p.outputWriter(StandardCharsets.UTF_8), true));
                int index = c;
                readers.add(Thread.ofPlatform().name("progress-" + c + "-stdout").start(() -> {
                    try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                        in.lines().forEach(line -> events.add(index + " " + line));
                    } catch (IOException ignored) {
                        // Destroyed: its exit code and stderr tell the story.
                    }
                    events.add(index + " eof");
                }));
            }
            for (int ready = 0; ready < children; ready++) {
                next(events, "ready", processes, dir, timeout);
            }
            long start = System.nanoTime();
            writers.forEach(w -> w.println("go"));

            var finished = new HashSet<Integer>();
            int wroteThisRound = 0;
            while (finished.size() < children) {
                String[] event = next(events, null, processes, dir, timeout).split(" ");
                int child = Integer.parseInt(event[0]);
                switch (event[1]) {
                    case "wrote" -> {
                        // Unlocked: a barrier per line, so every round holds one line from each child.
                        if (!locked && ++wroteThisRound == children) {
                            writers.forEach(w -> w.println("next"));
                            wroteThisRound = 0;
                        }
                    }
                    case "done" -> finished.add(child);
                    // After its "done" a child closes its output; an end before that is a crash.
                    case "eof" -> {
                        if (!finished.contains(child)) {
                            throw failure("ended its output early", processes.get(child),
                                    dir.resolve("progress-" + child + ".err"));
                        }
                    }
                    default -> throw failure("child " + child + " said '" + String.join(" ", event) + "'",
                            processes.get(child), dir.resolve("progress-" + child + ".err"));
                }
            }
            var elapsed = Duration.ofNanos(System.nanoTime() - start);
            for (int c = 0; c < children; c++) {
                Process p = processes.get(c);
                if (!p.waitFor(timeout) || p.exitValue() != 0) {
                    throw failure("did not exit cleanly", p, dir.resolve("progress-" + c + ".err"));
                }
            }
            List<String> written = Files.readAllLines(out);
            written.forEach(line -> log.info("{}: {}", locked ? "locked" : "unlocked", line));
            return new Outcome(locked, written, elapsed);
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Thread reader : readers) {
                reader.join();
            }
        }
    }

    private static String next(LinkedBlockingQueue<String> events, String expected, List<Process> processes,
            Path dir, Duration timeout) throws InterruptedException, IOException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw failure("no child spoke for " + timeout, processes.getFirst(), dir.resolve("progress-0.err"));
        }
        if (expected != null && !event.endsWith(" " + expected)) {
            int child = Integer.parseInt(event.split(" ")[0]);
            throw failure("expected '" + expected + "', child said '" + event + "'", processes.get(child),
                    dir.resolve("progress-" + child + ".err"));
        }
        return event;
    }

    /** The child JVM: writes its block of progress lines, under the file lock or refereed by the parent. */
    public static final class ChildMain {
        private static PrintStream protocol;

        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            protocol = System.out;
            System.setOut(System.err);
            Path out = Path.of(args[0]);
            String name = args[2];
            int lines = Integer.parseInt(args[3]);
            Duration pause = Duration.ofMillis(Long.parseLong(args[4]));
            boolean locked = Boolean.parseBoolean(args[5]);
            var parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            say("ready");
            expect(parent, "go");
            try (var lockChannel = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                // lock() blocks until no other process holds the file; null when we run unlocked.
                var lock = locked ? lockChannel.lock() : null;
                try {
                    for (int i = 0; i < lines; i++) {
                        Files.writeString(out, "progress:" + name + "--progress_number:" + i + "\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        say("wrote " + i);
                        if (locked) {
                            Thread.sleep(pause);
                        } else {
                            expect(parent, "next");
                        }
                    }
                } finally {
                    if (lock != null) {
                        lock.release();
                    }
                }
            }
            say("done");
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

    private static IllegalStateException failure(String what, Process child, Path stderr)
            throws InterruptedException, IOException {
        child.destroyForcibly().waitFor();
        List<String> lines = Files.exists(stderr) ? Files.readAllLines(stderr) : List.of();
        return new IllegalStateException("child " + child.pid() + " " + what + "; exit code " + child.exitValue()
                + "; stderr tail:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("output-blocks");
        try {
            run(false, 3, 3, Duration.ofMillis(300), dir, Duration.ofSeconds(30));
            var locked = run(true, 3, 3, Duration.ofMillis(300), dir, Duration.ofSeconds(30));
            log.info("locked run took {} ms: the blocks ran one after another", locked.elapsed().toMillis());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
