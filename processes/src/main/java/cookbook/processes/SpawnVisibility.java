package cookbook.processes;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-03. Python original: a fork child sees a global list appended to before
 * {@code start()} (but not after), while a spawn child starts fresh and gets a
 * {@code NameError} for a global defined under the main guard.
 *
 * <p>Java only spawns. The parent sets the static {@link #name} to {@code [123]} before it
 * starts the child, and also hands it one value through each channel that does cross the
 * boundary: an argument, an environment variable, a {@code -D} system property, the working
 * directory, a file, and its stdin. The nested {@link VisibilityProbe} reports what it sees.
 *
 * <p>What to notice: every channel arrives; the static does not (the child sees its own
 * initial value, an empty list). The same holds for anything else on the heap: objects,
 * open streams, locks, threads.
 */
public final class SpawnVisibility {
    private static final Logger log = LoggerFactory.getLogger(SpawnVisibility.class);

    /** The seed's global list. A child JVM initialises its own copy: empty. */
    static List<Integer> name = List.of();

    /** Everything the child reported, channel by channel, and the parent's static afterwards. */
    public record Outcome(Map<String, String> childSaw, List<Integer> parentNameAfter) {
    }

    private SpawnVisibility() {
    }

    /**
     * Sets {@link #name} to {@code [123]}, then launches the probe with {@code value} on every
     * channel; {@code workDir} becomes the child's working directory and holds the files.
     */
    public static Outcome run(String value, Duration timeout, Path workDir) throws IOException, InterruptedException {
        // Python fork case 2: the parent changes its global *before* starting the child.
        name = List.of(123);
        Path handedOver = Files.writeString(workDir.resolve("handed-over.txt"), value);
        Path out = workDir.resolve("probe.out");
        Path err = workDir.resolve("probe.err");

        // tag::idiom[]
        // The child starts in another directory, so a relative class path entry would point
        // nowhere: hand it absolute ones.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-Dcookbook.name=" + value,
                VisibilityProbe.class.getName(), value, handedOver.toString()));
        var builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // environment() starts as a copy of this JVM's environment; changes affect only the child.
        builder.environment().put("COOKBOOK_NAME", value);

        Process child = builder.start();
        try {
            try (var toChild = child.getOutputStream()) {
                toChild.write((value + "\n").getBytes(StandardCharsets.UTF_8));
            }
            // end::idiom[]
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("probe did not finish within " + timeout.toMillis() + " ms"
                        + stderrTail(err));
            }
            if (child.exitValue() != 0) {
                throw new IllegalStateException("probe exited with code " + child.exitValue() + stderrTail(err));
            }
            var saw = new LinkedHashMap<String, String>();
            for (String line : Files.readAllLines(out)) {
                String[] channelAndValue = line.split("=", 2);
                if (channelAndValue.length != 2) {
                    throw new IllegalStateException("unexpected probe output '" + line + "'" + stderrTail(err));
                }
                saw.put(channelAndValue[0], channelAndValue[1]);
            }
            log.info("the child sees {}", saw);
            return new Outcome(Map.copyOf(saw), name);
        } finally {
            child.destroyForcibly();
        }
    }

    static String stderrTail(Path err) throws IOException {
        List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
        return "; last lines of its stderr:\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /** The child's {@code main}: {@code <value> <file>}; prints one {@code channel=value} line each. */
    public static final class VisibilityProbe {
        public static void main(String[] args) throws IOException {
            // stdout carries the report: keep it, and point System.out at stderr so nothing else that
            // prints (a library announcing itself as a class initialises) can get into it.
            PrintStream report = System.out;
            System.setOut(System.err);
            var stdin = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            report.println("static=" + name);
            report.println("argument=" + args[0]);
            report.println("environment=" + System.getenv("COOKBOOK_NAME"));
            report.println("PATH=" + System.getenv("PATH"));
            report.println("property=" + System.getProperty("cookbook.name"));
            report.println("directory=" + Path.of("").toAbsolutePath());
            report.println("file=" + Files.readString(Path.of(args[1])));
            report.println("stdin=" + stdin);
            report.flush();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("proc-03-");
        try {
            var outcome = run("123", Duration.ofSeconds(20), dir);
            log.info("the parent's static is {}, the child's was {}", outcome.parentNameAfter(),
                    outcome.childSaw().get("static"));
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
