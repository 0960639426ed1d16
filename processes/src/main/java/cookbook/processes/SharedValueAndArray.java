package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-10. Python original: {@code Value('i', 666)}, {@code Value('c')}, {@code Value('u')} and
 * {@code Array('i', [11, 22, 33, 44])} are changed by a child process and the parent sees the change.
 *
 * <p>Java has no {@code Value}: two JVMs share memory by mapping the same file. Both processes call
 * {@link FileChannel#map(FileChannel.MapMode, long, long, Arena)} and get a {@link MemorySegment}
 * backed by the same physical pages, so a store by one is a load away for the other, with no copy and
 * no message. The file is only the name both sides agree on.
 *
 * <p>The layout is fixed by hand, as a C struct would be: an int at 0 (Python's {@code 'i'}), a
 * byte at 4 ({@code 'c'}), a UTF-16 char at 6 ({@code 'u'}) and four ints from 8 (the Array).
 *
 * <p>What to notice: the child reads the parent's starting values through its own mapping, and after
 * the child exits the parent reads the child's new ones through its own, without reading the file.
 */
public final class SharedValueAndArray {
    private static final Logger log = LoggerFactory.getLogger(SharedValueAndArray.class);

    static final long VALUE = 0;
    static final long BYTE = 4;
    static final long CHAR = 6;
    static final long ARRAY = 8;
    static final int ARRAY_LENGTH = 4;
    static final long SIZE = ARRAY + ARRAY_LENGTH * ValueLayout.JAVA_INT.byteSize();

    /** One view of the shared memory: Python's three Values and the Array. */
    public record Values(int value, char byteAsChar, char wideChar, List<Integer> array) {
        // tag::idiom[]
        static Values readFrom(MemorySegment memory) {
            var array = new ArrayList<Integer>();
            for (int i = 0; i < ARRAY_LENGTH; i++) {
                array.add(memory.getAtIndex(ValueLayout.JAVA_INT, ARRAY / 4 + i));
            }
            return new Values(memory.get(ValueLayout.JAVA_INT, VALUE), (char) memory.get(ValueLayout.JAVA_BYTE, BYTE),
                    memory.get(ValueLayout.JAVA_CHAR, CHAR), List.copyOf(array));
        }

        void writeTo(MemorySegment memory) {
            memory.set(ValueLayout.JAVA_INT, VALUE, value);
            memory.set(ValueLayout.JAVA_BYTE, BYTE, (byte) byteAsChar);
            memory.set(ValueLayout.JAVA_CHAR, CHAR, wideChar);
            for (int i = 0; i < array.size(); i++) {
                memory.setAtIndex(ValueLayout.JAVA_INT, ARRAY / 4 + i, array.get(i));
            }
        }
        // end::idiom[]
    }

    /** What the child saw of the parent's values, what the parent saw of the child's, and who the child was. */
    public record Outcome(Values childSaw, Values parentSees, long childPid) {
    }

    private SharedValueAndArray() {
    }

    /**
     * Maps a fresh file in {@code dir}, writes the seed's starting values, lets one child JVM read them
     * and store new ones through its own mapping, then reads those back without re-reading the file.
     */
    public static Outcome run(Path dir, Duration timeout) throws IOException, InterruptedException {
        Path shared = dir.resolve("shared-values.bin");
        Path out = dir.resolve("shared-values-child.out");
        Path err = dir.resolve("shared-values-child.err");
        try (var channel = FileChannel.open(shared, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); var arena = Arena.ofConfined()) {
            MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
            new Values(666, ' ', ' ', List.of(11, 22, 33, 44)).writeTo(memory);
            log.info("parent wrote {}", Values.readFrom(memory));

            Process child = new ProcessBuilder(javaCommand(ChildMain.class, shared.toString()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("child " + child.pid() + " did not finish within "
                            + timeout.toMillis() + " ms" + stderrTail(err));
                }
                if (child.exitValue() != 0) {
                    throw new IllegalStateException("child " + child.pid() + " exited with code " + child.exitValue()
                            + stderrTail(err));
                }
            } finally {
                child.destroyForcibly();
            }
            // No read(), no message: the parent's own mapping already shows what the child stored.
            var outcome = new Outcome(parse(Files.readString(out).strip()), Values.readFrom(memory), child.pid());
            log.info("the child saw {}; the parent now sees {} (stored by child {})", outcome.childSaw(),
                    outcome.parentSees(), outcome.childPid());
            return outcome;
        }
    }

    /** The child's report: {@code value byte char a0,a1,...} with the chars as numbers. */
    static Values parse(String line) {
        String[] words = line.split(" ");
        if (words.length != 4) {
            throw new IllegalStateException("the child printed something that is not a report: '" + line + "'");
        }
        return new Values(Integer.parseInt(words[0]), (char) Integer.parseInt(words[1]),
                (char) Integer.parseInt(words[2]), Arrays.stream(words[3].split(",")).map(Integer::valueOf).toList());
    }

    /** The child JVM: {@code <file>}; maps it, reports what the parent stored, stores the seed's new values. */
    public static final class ChildMain {
        public static void main(String[] args) throws IOException {
            // stdout carries the report: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream report = System.out;
            System.setOut(System.err);
            try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                 var arena = Arena.ofConfined()) {
                MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
                Values seen = Values.readFrom(memory);
                report.println(seen.value() + " " + (int) seen.byteAsChar() + " " + (int) seen.wideChar() + " "
                        + String.join(",", seen.array().stream().map(String::valueOf).toList()));
                report.flush();
                new Values(888, 'a', '武', List.of(666, 22, 33, 44)).writeTo(memory);
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
        Path dir = Files.createTempDirectory("proc-10-");
        try {
            var outcome = run(dir, Duration.ofSeconds(30));
            log.info("child saw {}, parent sees {}", outcome.childSaw(), outcome.parentSees());
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
