package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
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
 * write per line, and pause after each line (the seed's sleep).
 *
 * <p>The parent referees both variants through the same window: after each line a child waits until
 * every other child has written its line of that round too, or is waiting for the lock. Unlocked
 * ({@link Mode#UNSAFE}), the lines interleave round by round on every run; locked ({@link Mode#FILE_LOCK}),
 * the others wait for the lock, so each block stays whole.
 */
public final class FileLockedOutputBlocks {
    private static final Logger log = LoggerFactory.getLogger(FileLockedOutputBlocks.class);

    /** {@code UNSAFE}: nothing keeps a block together. {@code FILE_LOCK}: each block under the lock file's lock. */
    public enum Mode { UNSAFE, FILE_LOCK }

    /** The output file's lines, in file order, and the time from "go" until every child was done. */
    public record Outcome(Mode mode, List<String> lines, Duration elapsed) {
    }

    private FileLockedOutputBlocks() {
    }

    /** {@code children} JVMs each append {@code lines} progress lines, pausing {@code pause} after each. */
    public static Outcome run(Mode mode, int children, int lines, Duration pause, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path out = dir.resolve(mode + ".txt");
        Path lockFile = dir.resolve("output.lock");
        Files.deleteIfExists(out);
        try (var referee = new Referee(dir)) {
            for (int c = 0; c < children; c++) {
                referee.start(Progress.class, out.toString(), lockFile.toString(), "Progress" + (c + 1),
                        Integer.toString(lines), Long.toString(pause.toMillis()), mode.name());
            }
            referee.run(timeout);
            var elapsed = referee.sinceGo();
            List<String> written = Files.readAllLines(out);
            log.info("{}: the file reads {}", mode, written);
            return new Outcome(mode, written, elapsed);
        }
    }

    /** The child JVM: {@code <out> <lock file> <name> <lines> <pause ms> <mode>}; writes its block. */
    public static final class Progress {
        public static void main(String[] args) throws IOException, InterruptedException {
            Refereed.begin();
            Path out = Path.of(args[0]);
            String name = args[2];
            int lines = Integer.parseInt(args[3]);
            Duration pause = Duration.ofMillis(Long.parseLong(args[4]));
            Mode mode = Mode.valueOf(args[5]);
            try (var lockChannel = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                // tag::idiom[]
                // Every child locks the same lock file; lock() waits while another process holds it.
                try (var lock = mode == Mode.FILE_LOCK ? lock(lockChannel, () -> Refereed.say("blocked")) : null) {
                    for (int i = 0; i < lines; i++) {
                        Files.writeString(out, "progress:" + name + "--progress_number:" + i + "\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        // The window: the referee holds us here until every other child wrote this round too.
                        Refereed.window(i);
                        Thread.sleep(pause);
                    }
                }
                // end::idiom[]
            }
            Refereed.say("done");
        }
    }

    /**
     * {@code channel.lock()}, but {@code tryLock()} first: when another process holds the lock,
     * {@code whenWaiting} runs before this one waits for it (a referee needs to know; a program might log it).
     */
    static FileLock lock(FileChannel channel, Runnable whenWaiting) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock == null) {
            whenWaiting.run();
            lock = channel.lock();
        }
        return lock;
    }

    /**
     * The parent's end of child JVMs that speak the {@link Refereed} protocol. It holds each child inside
     * the race window until every other running child is inside too or waits for the lock: unguarded
     * children then all read before any of them writes; guarded ones go through one at a time.
     */
    static final class Referee implements AutoCloseable {
        private final Path dir;
        private final List<Process> children = new ArrayList<>();
        private final List<PrintWriter> toChildren = new ArrayList<>();
        private final List<List<String>> told = new ArrayList<>();
        private final List<Thread> readers = new ArrayList<>();
        private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        private long wentAt;

        Referee(Path dir) {
            this.dir = dir;
        }

        void start(Class<?> main, String... args) throws IOException {
            int child = children.size();
            Process p = new ProcessBuilder(javaCommand(main, args)).redirectError(stderr(child).toFile()).start();
            children.add(p);
            toChildren.add(new PrintWriter(p.outputWriter(StandardCharsets.UTF_8), true));
            told.add(new ArrayList<>());
            // One reader per child funnels its lines into one queue: the referee hears whoever speaks next.
            readers.add(Thread.ofPlatform().name("child-" + child + "-stdout").start(() -> {
                try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                    in.lines().forEach(line -> heard.add(child + " " + line));
                } catch (IOException | UncheckedIOException destroyed) {
                    // Its exit code and stderr tell the story.
                }
                heard.add(child + " eof");
            }));
        }

        /** Releases the children together once all are ready, referees them, returns what they read. */
        List<Integer> run(Duration timeout) throws IOException, InterruptedException {
            int n = children.size();
            var values = new ArrayList<Integer>();
            var ready = new HashSet<Integer>();
            var inside = new ArrayList<Integer>();
            var waiting = new HashSet<Integer>();
            var done = new HashSet<Integer>();
            var ended = new HashSet<Integer>();
            while (ended.size() < n) {
                String line = heard.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw failure(0, "or another child was silent for " + timeout.toMillis() + " ms");
                }
                String[] said = line.split(" ", 3);
                int child = Integer.parseInt(said[0]);
                switch (said[1]) {
                    case "ready" -> {
                        if (ready.add(child) && ready.size() == n) {
                            wentAt = System.nanoTime();
                            toChildren.forEach(c -> c.println("go"));
                        }
                    }
                    case "blocked" -> waiting.add(child);
                    case "inside" -> {
                        values.add(Integer.parseInt(said[2]));
                        inside.add(child);
                        waiting.remove(child);
                    }
                    case "tell" -> told.get(child).add(said[2]);
                    case "done" -> done.add(child);
                    // A child's stdout ends when it exits: after "done" and with code 0, or it crashed.
                    case "eof" -> {
                        Process p = children.get(child);
                        if (!done.contains(child) || !p.waitFor(timeout) || p.exitValue() != 0) {
                            throw failure(child, "ended without saying 'done' and exiting with 0");
                        }
                        ended.add(child);
                    }
                    default -> throw failure(child, "said '" + line + "'");
                }
                if (inside.size() + waiting.size() + done.size() == n) {
                    inside.forEach(c -> toChildren.get(c).println("leave"));
                    inside.clear();
                }
            }
            return values;
        }

        /** The lines a child said with "tell", in order. */
        List<String> told(int child) {
            return told.get(child);
        }

        /** Time since the children were released together. */
        Duration sinceGo() {
            return Duration.ofNanos(System.nanoTime() - wentAt);
        }

        private IllegalStateException failure(int child, String what) throws IOException, InterruptedException {
            Process p = children.get(child);
            p.destroyForcibly().waitFor();
            return new IllegalStateException("child " + child + " (pid " + p.pid() + ") " + what + "; exit code "
                    + p.exitValue() + stderrTail(stderr(child)));
        }

        private Path stderr(int child) {
            return dir.resolve("child-" + child + ".err");
        }

        @Override
        public void close() throws InterruptedException {
            children.forEach(Process::destroyForcibly);
            for (Thread reader : readers) {
                reader.join();
            }
        }
    }

    /** The child's end of the {@link Referee} protocol: lines to the parent on stdout, answers on stdin. */
    static final class Refereed {
        private static PrintStream toParent;
        private static BufferedReader fromParent;

        /** Keeps stdout for the protocol, points System.out at stderr, and waits until all are ready. */
        static void begin() throws IOException {
            toParent = System.out;
            System.setOut(System.err);
            fromParent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            say("ready", "go");
        }

        /** Inside the race window: says what was read, and stays until the referee says "leave". */
        static void window(int value) throws IOException {
            say("inside " + value, "leave");
        }

        /** One line to the parent: "blocked" (about to wait for another's lock), "tell ...", "done". */
        static void say(String line) {
            toParent.println(line);
            toParent.flush();
        }

        private static void say(String line, String answer) throws IOException {
            say(line);
            String got = fromParent.readLine();
            if (!answer.equals(got)) {
                throw new IllegalStateException("expected '" + answer + "' from the parent, got " + got);
            }
        }
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

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-13-");
        try {
            for (Mode mode : Mode.values()) {
                var outcome = run(mode, 3, 3, Duration.ofMillis(300), dir, Duration.ofSeconds(60));
                log.info("{}: {} lines in {} ms", mode, outcome.lines().size(), outcome.elapsed().toMillis());
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
