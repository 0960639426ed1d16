package cookbook.processes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-02. Python original: a global {@code n = 100} set to 0 in a child, and a list the child
 * appends to, are unchanged in the parent: processes do not share memory.
 *
 * <p>Both sides of this recipe use the same static field {@link #n} and the same class, yet
 * they never touch the same variable: the child is another JVM with its own heap. The list
 * is sent to the child on its stdin as text, so the child changes a copy; the only way a
 * change comes back is as data the parent reads (here the child's stdout).
 *
 * <p>What to notice: the child reports {@code n = 0} and a list ending in 999; afterwards the
 * parent's {@code n} is still 100 and its list has not grown.
 */
public final class ProcessMemoryIsolation {
    private static final Logger log = LoggerFactory.getLogger(ProcessMemoryIsolation.class);

    /** The seed's global. Each JVM that loads this class has its own copy, starting at 100. */
    static int n = 100;

    /** What the child said about its copies, and the parent's own values afterwards. */
    public record Outcome(int childN, List<Integer> childList, int parentNAfter, List<Integer> parentListAfter) {
    }

    private ProcessMemoryIsolation() {
    }

    /**
     * Sends {@code parentList} to a child JVM that sets its {@code n} to 0 and appends 999 to
     * its copy of the list, then compares both sides.
     */
    public static Outcome run(List<Integer> parentList, Duration timeout, Path workDir)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("isolation.out");
        Path err = workDir.resolve("isolation.err");
        Process child = new ProcessBuilder(javaCommand(IsolatedChild.class))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            // Passing a list to another process means serialising it: one line of numbers.
            try (var toChild = child.getOutputStream()) {
                toChild.write((join(parentList) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child did not finish within " + timeout.toMillis() + " ms"
                        + stderrTail(err));
            }
            if (child.exitValue() != 0) {
                throw new IllegalStateException("child exited with code " + child.exitValue() + stderrTail(err));
            }
            List<String> lines = Files.readAllLines(out);
            if (lines.size() != 2 || !lines.get(0).startsWith("n=") || !lines.get(1).startsWith("list=")) {
                throw new IllegalStateException("unexpected child output " + lines + stderrTail(err));
            }
            int childN = Integer.parseInt(lines.get(0).substring(2));
            List<Integer> childList = parse(lines.get(1).substring(5));
            log.info("child: n={}, list={}; parent: n={}, list={}", childN, childList, n, parentList);
            return new Outcome(childN, childList, n, List.copyOf(parentList));
        } finally {
            child.destroyForcibly();
        }
    }

    static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Integer> parse(String line) {
        return line.isBlank() ? List.of() : Arrays.stream(line.split(",")).map(Integer::valueOf).toList();
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
    /** The child's {@code main}: reads a list from stdin, changes its own copies, reports them. */
    public static final class IsolatedChild {
        public static void main(String[] args) throws IOException {
            // stdout carries the answer: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream answer = System.out;
            System.setOut(System.err);
            // The same static field as the parent's, in this JVM's own heap.
            n = 0;
            var list = new ArrayList<>(parse(new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip()));
            list.add(999);
            answer.println("n=" + n);
            answer.println("list=" + join(list));
            answer.flush();
        }
    }
    // end::idiom[]

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-02-");
        try {
            var names = new ArrayList<>(List.of(1, 2, 3));
            var outcome = run(names, Duration.ofSeconds(20), dir);
            log.info("inside the child: n = {}; inside the parent: n = {}", outcome.childN(), outcome.parentNAfter());
            log.info("the child's list {} vs the parent's {}", outcome.childList(), outcome.parentListAfter());
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
