package cookbook.processes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-10. Python original: {@code Value('i', 666)}, {@code Value('c')}, {@code Value('u')} and
 * {@code Array('i', [11, 22, 33, 44])} are changed by a child process and the parent sees the change.
 *
 * <p>Java has no {@code Value}: two JVMs share memory by mapping the same file. Both processes call
 * {@link FileChannel#map(FileChannel.MapMode, long, long, Arena)} and get a {@link MemorySegment}
 * backed by the same physical pages, so a store by the child is a load away for the parent, with
 * no copy and no message. The file is only the name both sides agree on.
 *
 * <p>The layout is fixed by hand, as a C struct would be: an int at 0 (Python's {@code 'i'}), a
 * byte at 4 ({@code 'c'}), a UTF-16 char at 6 ({@code 'u'}) and four ints from 8 (the Array).
 */
public final class SharedValueAndArray {
    private static final Logger log = LoggerFactory.getLogger(SharedValueAndArray.class);

    static final long VALUE = 0;
    static final long BYTE = 4;
    static final long CHAR = 6;
    static final long ARRAY = 8;
    static final int ARRAY_LENGTH = 4;
    static final long SIZE = ARRAY + ARRAY_LENGTH * ValueLayout.JAVA_INT.byteSize();

    /** What the parent reads through its own mapping after the child has exited. */
    public record Outcome(int value, char byteAsChar, char wideChar, List<Integer> array, long childPid) {
    }

    private SharedValueAndArray() {
    }

    /**
     * Maps a fresh file in {@code dir}, writes the seed's starting values, lets one child JVM change
     * them through its own mapping, then reads them back without re-reading the file.
     */
    public static Outcome run(Path dir, Duration childTimeout) throws IOException, InterruptedException {
        Path shared = dir.resolve("shared-values.bin");
        Path stderr = dir.resolve("shared-values-child.err");
        try (var channel = FileChannel.open(shared, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var arena = Arena.ofConfined()) {
            MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
            memory.set(ValueLayout.JAVA_INT, VALUE, 666);
            memory.set(ValueLayout.JAVA_BYTE, BYTE, (byte) ' ');
            memory.set(ValueLayout.JAVA_CHAR, CHAR, ' ');
            for (int i = 0; i < ARRAY_LENGTH; i++) {
                memory.setAtIndex(ValueLayout.JAVA_INT, ARRAY / 4 + i, 11 * (i + 1));
            }
            log.info("parent wrote value={} array={}", memory.get(ValueLayout.JAVA_INT, VALUE), array(memory));

            Process child = launch(ChildMain.class, stderr, shared.toString());
            try {
                awaitSuccess(child, stderr, childTimeout);
            } finally {
                child.destroyForcibly();
            }
            // No read(), no message: the parent's own mapping already shows what the child stored.
            var outcome = new Outcome(memory.get(ValueLayout.JAVA_INT, VALUE),
                    (char) memory.get(ValueLayout.JAVA_BYTE, BYTE), memory.get(ValueLayout.JAVA_CHAR, CHAR),
                    array(memory), child.pid());
            log.info("parent now sees value={} byte='{}' char='{}' array={} (written by child {})", outcome.value(),
                    outcome.byteAsChar(), outcome.wideChar(), outcome.array(), outcome.childPid());
            return outcome;
        }
    }

    private static List<Integer> array(MemorySegment memory) {
        var values = new ArrayList<Integer>();
        for (int i = 0; i < ARRAY_LENGTH; i++) {
            values.add(memory.getAtIndex(ValueLayout.JAVA_INT, ARRAY / 4 + i));
        }
        return values;
    }

    /** The child JVM: maps the same file and stores the seed's new values. */
    public static final class ChildMain {
        public static void main(String[] args) throws IOException {
            try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                 var arena = Arena.ofConfined()) {
                MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
                memory.set(ValueLayout.JAVA_INT, VALUE, 888);
                memory.set(ValueLayout.JAVA_BYTE, BYTE, (byte) 'a');
                memory.set(ValueLayout.JAVA_CHAR, CHAR, '武');
                memory.setAtIndex(ValueLayout.JAVA_INT, ARRAY / 4, 666);
            }
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        // Java has no fork(): the child is a fresh JVM, the same java and class path, a nested main.
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /** Waits for a clean exit; a hang or a crash becomes an exception that says why. */
    private static void awaitSuccess(Process child, Path stderr, Duration timeout)
            throws IOException, InterruptedException {
        if (!child.waitFor(timeout)) {
            child.destroyForcibly();
            throw new IllegalStateException("child " + child.pid() + " still running after " + timeout
                    + "; destroyed it. stderr tail:\n" + tail(stderr));
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("child " + child.pid() + " exited with code " + child.exitValue()
                    + "; stderr tail:\n" + tail(stderr));
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("shared-values");
        try {
            run(dir, Duration.ofSeconds(30));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
