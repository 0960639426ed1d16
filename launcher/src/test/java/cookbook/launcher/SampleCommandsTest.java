package cookbook.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.site.SampleOutput;

/** The sample-output commands, without running the 73 recipes (./cookbook check-samples does that). */
class SampleCommandsTest {
    private static final Path ROOT = Path.of(System.getProperty("cookbook.root", "..")).toAbsolutePath().normalize();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SampleCommands samples = new SampleCommands(ROOT, RecipeRegistry.load(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    @DisplayName("every recipe has a recorded sample output that the checker can read")
    void everyRecipeHasARecording() throws IOException {
        for (Recipe recipe : RecipeRegistry.load().all()) {
            Path file = samples.recording(recipe);
            assertTrue(Files.isRegularFile(file), "no recording for " + recipe.id() + ": ./cookbook sample "
                    + recipe.id() + " writes " + ROOT.relativize(file));
            SampleOutput.parse(Files.readString(file));
        }
    }

    @Test
    @DisplayName("a changed println fails the check against the real recording, with the line expected and got")
    void changedPrintlnIsAMismatch() throws IOException {
        Recipe recipe = RecipeRegistry.load().find("THR-02").orElseThrow();
        String recorded = Files.readString(samples.recording(recipe));
        // What THR-02 prints, rebuilt from its recording with a time of day in place of each {{time}}.
        String output = recorded.replace("{{time}}", "12:00:00.000");
        assertNull(samples.verdict(new SampleCommands.Run(recipe, output, 0, false, Duration.ZERO)));
        String changed = output.replace("step 1", "stage 1");
        String verdict = samples.verdict(new SampleCommands.Run(recipe, changed, 0, false, Duration.ZERO));
        assertNotNull(verdict);
        assertTrue(verdict.contains("expected \"{{time}} [loop_thread_oop]      step 1\""), verdict);
        assertTrue(verdict.contains("got \"12:00:00.000 [loop_thread_oop]      stage 1\""), verdict);
    }

    @Test
    @DisplayName("a recipe that fails or hangs is a mismatch whatever it printed")
    void failedRunIsAMismatch() {
        Recipe recipe = RecipeRegistry.load().find("THR-02").orElseThrow();
        assertEquals("exited with code 1; last line: \"boom\"",
                samples.verdict(new SampleCommands.Run(recipe, "x\nboom\n", 1, false, Duration.ZERO)));
        assertTrue(samples.verdict(new SampleCommands.Run(recipe, "", -1, true, Duration.ZERO))
                .startsWith("did not finish within"));
    }

    @Test
    @DisplayName("a recipe is run as ./cookbook run runs it: same JVM options, the launcher's class path")
    void commandLine() {
        Recipe recipe = RecipeRegistry.load().find("THR-01").orElseThrow();
        List<String> command = samples.command(recipe);
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dcookbook.root=" + ROOT), command.subList(1, 4));
        assertEquals(List.of(Cookbook.class.getName(), "run", "THR-01"), command.subList(command.size() - 3, command.size()));
        assertTrue(command.contains("@" + ROOT.resolve("distributed/jvm.options")), "the script's Hazelcast options: " + command);
    }

    @Test
    @DisplayName("check-samples and sample: an unknown ID or no ID for sample is a one-line usage error")
    void usageErrors() {
        assertEquals(Cookbook.USAGE, samples.check(List.of("THR-99")));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("cookbook: no recipe 'THR-99'; closest: THR-"));
        assertEquals(Cookbook.USAGE, samples.sample(List.of()));
        assertEquals(Cookbook.USAGE, samples.check(List.of("--jobs", "0")));
        assertEquals(3, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
