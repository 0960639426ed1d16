package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-05. Python original: the parent holds an {@code RLock} and forks; the child inherits
 * it locked, re-acquires it as the "same owner", and ten child threads block on it until
 * the child's main thread releases it.
 *
 * <p>That cannot happen in Java: a {@link ReentrantLock} is a heap object owned by a thread
 * of one JVM, and a child JVM gets neither the heap nor the thread. This recipe shows the
 * two halves the seed mixes up. {@link #threadsBlockOnHeldLock} is the in-process part
 * (ten threads arrive, block while the lock is held, then run one at a time).
 * {@link #whatTheChildSees} is the cross-process part: the child's copy of the same static
 * lock is a new, unlocked object; only an operating-system lock ({@code FileChannel.lock()})
 * held by the parent is visible to it, and as another process's lock, never as its own.
 */
public final class InheritedLockState {
    private static final Logger log = LoggerFactory.getLogger(InheritedLockState.class);

    /** The lock the parent holds while it launches the child. Each JVM has its own. */
    static final ReentrantLock LOCK = new ReentrantLock();

    /** One line of the in-process story, in the order it happened. */
    public record Event(String thread, String what) {
    }

    /** The child's view while the parent held both locks. */
    public record ChildView(boolean heapLockLockedInChild, boolean heapLockFreeForChild,
                            boolean fileLockFreeForChild) {
    }

    private InheritedLockState() {
    }

    /**
     * The seed's case 4 in one JVM: takes a lock, starts {@code threads} named threads that log
     * "here I come" and block in {@code lock()}, holds it for {@code hold}, then releases; each
     * thread then logs "666" under the lock.
     */
    public static List<Event> threadsBlockOnHeldLock(int threads, Duration hold) throws InterruptedException {
        return threadsBlockOnHeldLock(threads, workers -> {
            try {
                Thread.sleep(hold);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** As above, but runs {@code whileHeld} (given the waiting threads) instead of sleeping. */
    public static List<Event> threadsBlockOnHeldLock(int threads, Consumer<List<Thread>> whileHeld)
            throws InterruptedException {
        var lock = new ReentrantLock();
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        var arrived = new CountDownLatch(threads);
        var workers = new ArrayList<Thread>();
        lock.lock();
        try {
            record(events, "holds the lock");
            var builder = Thread.ofPlatform().name("worker-", 0);
            for (int i = 0; i < threads; i++) {
                workers.add(builder.start(() -> {
                    record(events, "here I come");
                    arrived.countDown();
                    lock.lock();
                    try {
                        record(events, "666");
                    } finally {
                        lock.unlock();
                    }
                }));
            }
            arrived.await();
            whileHeld.accept(List.copyOf(workers));
            record(events, "releases the lock");
        } finally {
            lock.unlock();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        return List.copyOf(events);
    }

    /**
     * Holds {@link #LOCK} and an OS file lock on {@code lockFile}, and asks a child JVM what
     * it sees of each.
     */
    public static ChildView whatTheChildSees(Path lockFile, Duration timeout) throws IOException, InterruptedException {
        Path out = lockFile.resolveSibling("lock-probe.out");
        Path err = lockFile.resolveSibling("lock-probe.err");
        LOCK.lock();
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var fileLock = channel.lock()) {
            log.info("parent holds the ReentrantLock ({}) and a file lock ({})", LOCK.isLocked(), fileLock.isValid());
            Process child = new ProcessBuilder(javaCommand(LockProbe.class, lockFile.toString()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("lock probe did not finish within " + timeout.toMillis() + " ms"
                            + stderrTail(err));
                }
                if (child.exitValue() != 0) {
                    throw new IllegalStateException("lock probe exited with code " + child.exitValue() + stderrTail(err));
                }
            } finally {
                child.destroyForcibly();
            }
        } finally {
            LOCK.unlock();
        }
        List<String> lines = Files.readAllLines(out);
        if (lines.size() != 3) {
            throw new IllegalStateException("unexpected lock probe output " + lines + stderrTail(err));
        }
        var view = new ChildView(value(lines.get(0)), value(lines.get(1)), value(lines.get(2)));
        log.info("the child saw: {}", view);
        return view;
    }

    private static boolean value(String line) {
        return Boolean.parseBoolean(line.substring(line.indexOf('=') + 1));
    }

    private static void record(List<Event> events, String what) {
        log.info(what);
        events.add(new Event(Thread.currentThread().getName(), what));
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

    // tag::idiom[]
    /** The child's {@code main}: {@code <lock file>}; reports what it sees of both locks. */
    public static final class LockProbe {
        public static void main(String[] args) throws IOException {
            // stdout carries the report: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream report = System.out;
            System.setOut(System.err);
            // This JVM's LOCK was created when the class loaded here: new, unlocked, no owner.
            report.println("heapLockLocked=" + LOCK.isLocked());
            boolean got = LOCK.tryLock();
            report.println("heapLockFree=" + got);
            if (got) {
                LOCK.unlock();
            }
            // The file lock lives in the kernel, so another process's hold is visible here.
            try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                 var fileLock = channel.tryLock()) {
                report.println("fileLockFree=" + (fileLock != null));
            }
            report.flush();
        }
    }
    // end::idiom[]

    public static void main(String[] args) throws IOException, InterruptedException {
        log.info("10 threads arrive while this one holds the lock for 2 s");
        threadsBlockOnHeldLock(10, Duration.ofSeconds(2));

        Path dir = Files.createTempDirectory("proc-05-");
        try {
            whatTheChildSees(dir.resolve("held.lock"), Duration.ofSeconds(20));
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
