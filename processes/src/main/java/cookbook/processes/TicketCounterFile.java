package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
 * PROC-14. Python original: ten processes grab tickets from a count kept in {@code f1.txt}; each takes a
 * process lock, reads the number, sleeps, and writes it back minus one, so the count ends at zero.
 *
 * <p>In Java no lock object travels to the children: the lock is the ticket file itself, named in an
 * argument, and each child holds {@link FileChannel#lock()} on it around read-sleep-write.
 *
 * <p>The parent referees both variants through the same race window: a child that has read waits until
 * every other child has read too, or is waiting for the lock. Without the lock ({@link Mode#UNSAFE}) all
 * of them read the same number and one ticket is sold, on every run; with it ({@link Mode#FILE_LOCK}) the
 * others are waiting for the lock, so each child goes through alone and every ticket counts.
 */
public final class TicketCounterFile {
    private static final Logger log = LoggerFactory.getLogger(TicketCounterFile.class);

    /** {@code UNSAFE}: read, then write, nothing between the processes. {@code FILE_LOCK}: the same, locked. */
    public enum Mode { UNSAFE, FILE_LOCK }

    /** Tickets at the start and at the end, and the number each child read, in the order the parent heard. */
    public record Outcome(Mode mode, int start, int left, List<Integer> reads) {
    }

    private TicketCounterFile() {
    }

    /** {@code children} JVMs each buy one ticket from {@code tickets}; {@code pause} is the seed's sleep. */
    public static Outcome run(Mode mode, int tickets, int children, Duration pause, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path counter = Files.writeString(dir.resolve("f1.txt"), Integer.toString(tickets));
        try (var referee = new Referee(dir)) {
            for (int c = 0; c < children; c++) {
                referee.start(Buyer.class, counter.toString(), mode.name(), Long.toString(pause.toMillis()));
            }
            List<Integer> reads = referee.run(timeout);
            int left = Integer.parseInt(Files.readString(counter).strip());
            log.info("{}: {} children bought from {} tickets, {} left (they read {})", mode, children, tickets,
                    left, reads);
            return new Outcome(mode, tickets, left, reads);
        }
    }

    /** The child JVM: {@code <ticket file> <mode> <pause ms>}; buys one ticket. */
    public static final class Buyer {
        public static void main(String[] args) throws IOException, InterruptedException {
            Refereed.begin();
            Mode mode = Mode.valueOf(args[1]);
            Duration pause = Duration.ofMillis(Long.parseLong(args[2]));
            try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // tag::idiom[]
                // The lock is the ticket file itself. try-with-resources releases it on every path; the
                // seed's bare acquire()/release() leaks it when the body throws. (A null resource is skipped.)
                try (var lock = mode == Mode.FILE_LOCK ? lock(channel, () -> Refereed.say("blocked")) : null) {
                    int seen = read(channel);
                    // The race window: the referee holds us here until no other child can still read first.
                    Refereed.window(seen);
                    Thread.sleep(pause);
                    write(channel, seen - 1);
                }
                // end::idiom[]
            }
            Refereed.say("done");
        }

        private static int read(FileChannel channel) throws IOException {
            var buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return Integer.parseInt(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip());
        }

        private static void write(FileChannel channel, int value) throws IOException {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Integer.toString(value).getBytes(StandardCharsets.US_ASCII)), 0);
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
        Path dir = Files.createTempDirectory("proc-14-");
        try {
            for (Mode mode : Mode.values()) {
                var outcome = run(mode, 10, 10, Duration.ofMillis(200), dir, Duration.ofSeconds(60));
                log.info("{}: 10 buyers, {} -> {} tickets", mode, outcome.start(), outcome.left());
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
