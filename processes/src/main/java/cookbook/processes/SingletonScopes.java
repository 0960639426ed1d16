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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-19. Python original: a singleton is unique only inside one process (a forked child has its own
 * copy); per thread it is a dict keyed by thread id; across a cluster it needs external storage,
 * serialisation and a lock.
 *
 * <p>Three scopes, three mechanisms. Per JVM: a {@code static final} field, created once per class
 * loader, so every child JVM makes its own. Per thread: a {@link ThreadLocal}. Per machine: the
 * state lives in a file, and every use is read, change, write under {@link FileChannel#lock()};
 * an in-JVM lock goes around it, because a file lock belongs to the whole JVM and a second thread
 * asking for it gets {@code OverlappingFileLockException} instead of waiting.
 *
 * <p>The parent referees the children's updates through a race window between read and write: a child
 * that has read waits until every other child has read too, or is waiting for the file lock. The lock is
 * therefore contended on every run, and without it every round would lose an update.
 */
public final class SingletonScopes {
    private static final Logger log = LoggerFactory.getLogger(SingletonScopes.class);

    /** The machine-wide singleton's state: an id fixed at creation, and a counter every process may bump. */
    public record MachineState(String id, int counter) {
    }

    /** What each child JVM saw, the counters the children read, and the machine singleton's final state. */
    public record Outcome(String parentProcessId, List<List<String>> childProcessIds, Set<String> machineIds,
                          List<Integer> reads, MachineState finalState) {
    }

    // tag::idiom[]
    /** Per JVM (per class loader): the holder idiom; every child JVM initialises its own. */
    public static final class ProcessSingleton {
        private static final ProcessSingleton INSTANCE = new ProcessSingleton();
        private final String id = UUID.randomUUID().toString();

        private ProcessSingleton() {
        }

        public static ProcessSingleton instance() {
            return INSTANCE;
        }

        public String id() {
            return id;
        }
    }

    /** Per thread: Python's dict keyed by thread id, done by the JDK. */
    private static final ThreadLocal<String> PER_THREAD = ThreadLocal.withInitial(() -> UUID.randomUUID().toString());

    // The file lock keeps other JVMs out; it belongs to this whole JVM, so this lock keeps its threads apart.
    private static final ReentrantLock IN_JVM = new ReentrantLock();

    /** Per machine: read, change and write the state file under both locks; creates the state on first use. */
    public static MachineState update(Path stateFile, UnaryOperator<MachineState> change) throws IOException {
        return update(stateFile, change, () -> { });
    }

    static MachineState update(Path stateFile, UnaryOperator<MachineState> change, Runnable whenWaiting)
            throws IOException {
        IN_JVM.lock();
        try (var channel = FileChannel.open(stateFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var lock = lock(channel, whenWaiting)) {
            MachineState next = change.apply(read(channel));
            write(channel, next);
            return next;
        } finally {
            IN_JVM.unlock();
        }
    }
    // end::idiom[]

    private SingletonScopes() {
    }

    private static MachineState read(FileChannel channel) throws IOException {
        var buffer = ByteBuffer.allocate((int) channel.size());
        channel.read(buffer, 0);
        String[] words = new String(buffer.array(), StandardCharsets.UTF_8).strip().split(" ");
        return words.length < 2 ? new MachineState(UUID.randomUUID().toString(), 0)
                : new MachineState(words[0], Integer.parseInt(words[1]));
    }

    private static void write(FileChannel channel, MachineState state) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((state.id() + " " + state.counter()).getBytes(StandardCharsets.UTF_8)), 0);
    }

    /** Asks for the per-thread instance twice on each of {@code threads} named threads. */
    public static Map<String, List<String>> perThread(int threads) throws InterruptedException {
        var seen = new TreeMap<String, List<String>>();
        var started = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().name("singleton-thread-" + t).start(() -> {
                var ids = List.of(PER_THREAD.get(), PER_THREAD.get());
                synchronized (seen) {
                    seen.put(Thread.currentThread().getName(), ids);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        return seen;
    }

    /** Starts {@code children} JVMs; each reports its own per-JVM singleton and bumps the machine one. */
    public static Outcome run(int children, int increments, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path stateFile = dir.resolve("machine-singleton.txt");
        try (var referee = new Referee(dir)) {
            for (int c = 0; c < children; c++) {
                referee.start(ScopeReporter.class, stateFile.toString(), Integer.toString(increments));
            }
            List<Integer> reads = referee.run(timeout);
            var childIds = new ArrayList<List<String>>();
            var machineIds = new TreeSet<String>();
            for (int c = 0; c < children; c++) {
                List<String> told = referee.told(c);
                childIds.add(told.stream().filter(l -> l.startsWith("process ")).map(l -> l.substring(8)).toList());
                told.stream().filter(l -> l.startsWith("machine ")).forEach(l -> machineIds.add(l.substring(8)));
            }
            MachineState last = update(stateFile, UnaryOperator.identity());
            var outcome = new Outcome(ProcessSingleton.instance().id(), childIds, machineIds, reads, last);
            log.info("parent's singleton {}; children's {}", outcome.parentProcessId(), childIds);
            log.info("machine singleton {} counted to {}; the children read {}", last.id(), last.counter(), reads);
            return outcome;
        }
    }

    /** The child JVM: {@code <state file> <increments>}; reports its singleton twice, then bumps the machine one. */
    public static final class ScopeReporter {
        public static void main(String[] args) throws IOException {
            Refereed.begin();
            Refereed.say("tell process " + ProcessSingleton.instance().id());
            Refereed.say("tell process " + ProcessSingleton.instance().id());
            MachineState state = null;
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                // The race window sits inside the change, between this JVM's read and its write.
                state = update(Path.of(args[0]), s -> {
                    try {
                        Refereed.window(s.counter());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new MachineState(s.id(), s.counter() + 1);
                }, () -> Refereed.say("blocked"));
            }
            Refereed.say("tell machine " + (state == null ? "none" : state.id()));
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
        log.info("per thread: {}", perThread(2));
        Path dir = Files.createTempDirectory("proc-19-");
        try {
            var outcome = run(2, 5, dir, Duration.ofSeconds(60));
            log.info("2 JVMs x 5 increments of the machine singleton -> {}", outcome.finalState().counter());
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
