package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
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
 * PROC-14. Python original: ten processes grab tickets from a count kept in {@code f1.txt}; each takes a
 * process lock, reads the number, sleeps, and writes it back minus one, so the count ends at zero.
 *
 * <p>In Java no lock object travels to the children: the lock is the ticket file itself, named in an
 * argument, and each child takes {@link FileChannel#lock()} on it around read-sleep-write. The
 * unlocked variant shows why: the parent holds every child between its read and its write until all
 * of them have read, so they all write the same number and only one ticket is ever sold.
 */
public final class TicketCounterFile {
    private static final Logger log = LoggerFactory.getLogger(TicketCounterFile.class);

    /** Tickets at the start and at the end, and what each child read, in the order they said it. */
    public record Outcome(boolean locked, int start, int left, List<Integer> reads) {
    }

    private TicketCounterFile() {
    }

    public static Outcome run(boolean locked, int tickets, int children, Duration pause, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path counter = dir.resolve("f1.txt");
        Files.writeString(counter, Integer.toString(tickets));
        var events = new LinkedBlockingQueue<String>();
        var processes = new ArrayList<Process>();
        var writers = new ArrayList<PrintWriter>();
        var readers = new ArrayList<Thread>();
        try {
            for (int c = 0; c < children; c++) {
                Process p = launch(ChildMain.class, dir.resolve("ticket-" + c + ".err"), counter.toString(),
                        Boolean.toString(locked), Long.toString(pause.toMillis()));
                processes.add(p);
                writers.add(new PrintWriter(p.outputWriter(StandardCharsets.UTF_8), true));
                int index = c;
                readers.add(Thread.ofPlatform().name("ticket-" + c + "-stdout").start(() -> {
                    try (var in = p.inputReader(StandardCharsets.UTF_8)) {
                        in.lines().forEach(line -> events.add(index + " " + line));
                    } catch (IOException ignored) {
                        // Destroyed: its exit code and stderr tell the story.
                    }
                    events.add(index + " eof");
                }));
            }
            var started = new HashSet<Integer>();
            var finished = new HashSet<Integer>();
            var reads = new ArrayList<Integer>();
            var held = new ArrayList<PrintWriter>();
            while (finished.size() < children) {
                String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw failure("no child spoke for " + timeout, processes.getFirst(), dir.resolve("ticket-0.err"));
                }
                String[] words = event.split(" ");
                int child = Integer.parseInt(words[0]);
                switch (words[1]) {
                    case "ready" -> {
                        // Everyone starts queueing at once, as the seed's ten processes do.
                        if (started.add(child) && started.size() == children) {
                            writers.forEach(w -> w.println("go"));
                        }
                    }
                    case "read" -> {
                        reads.add(Integer.parseInt(words[2]));
                        if (!locked) {
                            // The race window, forced open: nobody writes until everybody has read.
                            held.add(writers.get(child));
                            if (held.size() == children) {
                                held.forEach(w -> w.println("write"));
                            }
                        }
                    }
                    case "done" -> finished.add(child);
                    default -> {
                        if (!(words[1].equals("eof") && finished.contains(child))) {
                            throw failure("said '" + event + "'", processes.get(child),
                                    dir.resolve("ticket-" + child + ".err"));
                        }
                    }
                }
            }
            for (int c = 0; c < children; c++) {
                Process p = processes.get(c);
                if (!p.waitFor(timeout) || p.exitValue() != 0) {
                    throw failure("did not exit cleanly", p, dir.resolve("ticket-" + c + ".err"));
                }
            }
            int left = Integer.parseInt(Files.readString(counter).strip());
            log.info("{}: {} children bought from {} tickets, {} left (reads {})", locked ? "locked" : "unlocked",
                    children, tickets, left, reads);
            return new Outcome(locked, tickets, left, reads);
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Thread reader : readers) {
                reader.join();
            }
        }
    }

    /** The child JVM: buys one ticket, with or without the file lock. */
    public static final class ChildMain {
        private static PrintStream protocol;

        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            protocol = System.out;
            System.setOut(System.err);
            Path counter = Path.of(args[0]);
            boolean locked = Boolean.parseBoolean(args[1]);
            Duration pause = Duration.ofMillis(Long.parseLong(args[2]));
            var parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            say("ready");
            expect(parent, "go");
            try (var channel = FileChannel.open(counter, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                if (locked) {
                    // try-with-resources releases the lock even if the body throws; the seed's bare
                    // acquire()/release() would leave it held.
                    try (var lock = channel.lock()) {
                        int seen = read(channel);
                        say("read " + seen);
                        Thread.sleep(pause);
                        write(channel, seen - 1);
                    }
                } else {
                    int seen = read(channel);
                    say("read " + seen);
                    expect(parent, "write");
                    write(channel, seen - 1);
                }
            }
            say("done");
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
        Path dir = Files.createTempDirectory("tickets");
        try {
            run(false, 10, 10, Duration.ofMillis(200), dir, Duration.ofSeconds(60));
            run(true, 10, 10, Duration.ofMillis(200), dir, Duration.ofSeconds(60));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
