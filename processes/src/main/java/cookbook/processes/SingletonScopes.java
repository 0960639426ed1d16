package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
 */
public final class SingletonScopes {
    private static final Logger log = LoggerFactory.getLogger(SingletonScopes.class);

    /** One per JVM (per class loader): the usual Java singleton, the holder idiom. */
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

    /** One per thread: Python's dict keyed by thread id, done by the JDK. */
    private static final ThreadLocal<String> PER_THREAD = ThreadLocal.withInitial(() -> UUID.randomUUID().toString());

    /** The machine-wide singleton's state: an id fixed at creation, and a counter every process may bump. */
    public record MachineState(String id, int counter) {
    }

    /** What each child JVM saw, and the machine singleton's final state. */
    public record Outcome(String parentProcessId, List<List<String>> childProcessIds, Set<String> machineIds,
                          MachineState finalState) {
    }

    // Serialises this JVM's threads; the file lock serialises the JVMs.
    private static final ReentrantLock IN_JVM = new ReentrantLock();

    private SingletonScopes() {
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

    /** Read, change, write the machine singleton under the file lock; creates it on first use. */
    public static MachineState update(Path stateFile, UnaryOperator<MachineState> change) throws IOException {
        IN_JVM.lock();
        try (var channel = FileChannel.open(stateFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var lock = channel.lock()) {
            var buffer = ByteBuffer.allocate((int) channel.size());
            channel.read(buffer, 0);
            String text = new String(buffer.array(), StandardCharsets.UTF_8).strip();
            MachineState state = text.isEmpty()
                    ? new MachineState(UUID.randomUUID().toString(), 0)
                    : new MachineState(text.split(" ")[0], Integer.parseInt(text.split(" ")[1]));
            MachineState next = change.apply(state);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((next.id() + " " + next.counter()).getBytes(StandardCharsets.UTF_8)), 0);
            return next;
        } finally {
            IN_JVM.unlock();
        }
    }

    /** Starts {@code children} JVMs; each reports its own per-JVM singleton and bumps the machine one. */
    public static Outcome run(int children, int increments, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        Path stateFile = dir.resolve("machine-singleton.txt");
        var processes = new ArrayList<Process>();
        try {
            for (int c = 0; c < children; c++) {
                processes.add(launch(ChildMain.class, dir.resolve("singleton-" + c + ".err"), stateFile.toString(),
                        Integer.toString(increments)));
            }
            var childIds = new ArrayList<List<String>>();
            var machineIds = new java.util.TreeSet<String>();
            for (int c = 0; c < children; c++) {
                Process p = processes.get(c);
                if (!p.waitFor(timeout) || p.exitValue() != 0) {
                    throw failure("did not finish cleanly", p, dir.resolve("singleton-" + c + ".err"));
                }
                List<String> lines;
                try (var out = p.inputReader(StandardCharsets.UTF_8)) {
                    lines = out.lines().toList();
                }
                childIds.add(lines.stream().filter(l -> l.startsWith("process ")).map(l -> l.substring(8)).toList());
                lines.stream().filter(l -> l.startsWith("machine ")).forEach(l -> machineIds.add(l.substring(8)));
            }
            MachineState last = update(stateFile, UnaryOperator.identity());
            var outcome = new Outcome(ProcessSingleton.instance().id(), childIds, machineIds, last);
            log.info("parent's singleton {}; children's {}", outcome.parentProcessId(), childIds);
            log.info("machine singleton {} counted to {}", last.id(), last.counter());
            return outcome;
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    /** The child JVM: prints its singleton twice, then bumps the machine singleton. */
    public static final class ChildMain {
        public static void main(String[] args) throws IOException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            protocol.println("process " + ProcessSingleton.instance().id());
            protocol.println("process " + ProcessSingleton.instance().id());
            MachineState state = null;
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                state = update(Path.of(args[0]), s -> new MachineState(s.id(), s.counter() + 1));
            }
            protocol.println("machine " + (state == null ? "none" : state.id()));
            protocol.flush();
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
        log.info("per thread: {}", perThread(2));
        Path dir = Files.createTempDirectory("singletons");
        try {
            run(2, 100, dir, Duration.ofSeconds(30));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
