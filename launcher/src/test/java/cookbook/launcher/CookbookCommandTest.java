package cookbook.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookbookCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cookbook(String... args) {
        var cookbook = new Cookbook(RecipeRegistry.load(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return cookbook.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("list: one line per recipe, ID first, sorted by ID")
    void listPrintsOneSortedLinePerRecipe() {
        assertEquals(Cookbook.OK, cookbook("list"));
        List<String> lines = out().lines().toList();
        List<String> ids = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(RecipeRegistry.load().all().size(), lines.size());
        assertEquals(ids.stream().sorted(Recipe.ID_ORDER).toList(), ids);
        assertTrue(lines.getFirst().matches("[A-Z]+-\\d{2} +\\S.*"), lines.getFirst());
        assertTrue(out().contains("THR-01    Thread from a target function"), out());
    }

    @Test
    @DisplayName("run: an unknown ID exits 2 with one line naming the closest IDs")
    void unknownIdIsAOneLineUsageError() {
        assertEquals(Cookbook.USAGE, cookbook("run", "THR-99"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("cookbook: no recipe 'THR-99'; closest: THR-"), err());
        assertEquals("", out());
    }

    @Test
    @DisplayName("run: arguments to a recipe that takes none exit 2 and say so")
    void argumentsToAnArgumentlessRecipeAreRejected() {
        assertEquals(Cookbook.USAGE, cookbook("run", "THR-01", "--fast"));
        assertTrue(err().contains("THR-01 takes no arguments"), err());
    }

    @Test
    @DisplayName("usage errors: missing ID, unknown command, extra words all exit 2 with one line")
    void usageErrorsExitTwo() {
        assertEquals(Cookbook.USAGE, cookbook("run"));
        assertEquals(Cookbook.USAGE, cookbook("frobnicate"));
        assertEquals(Cookbook.USAGE, cookbook("list", "extra"));
        assertEquals(3, err().lines().count(), err());
        assertTrue(err().lines().allMatch(l -> l.startsWith("cookbook: ")), err());
        assertTrue(err().contains("the commands are list, run, test, index, site, serve, check-samples and sample"), err());
    }

    @Test
    @DisplayName("test: runs the recipe's proving tests in their module and prints each claim passed")
    void testPrintsEveryClaimOfTheRecipe() {
        assertEquals(Cookbook.OK, cookbook("test", "thr-1"), out() + err());
        List<String> verdicts = out().lines().filter(l -> l.startsWith("  passed  ")).toList();
        assertTrue(verdicts.size() >= 2, out());
        assertTrue(verdicts.stream().allMatch(l -> l.startsWith("  passed  THR-01: ")), out());
        assertTrue(out().contains(verdicts.size() + " claims: " + verdicts.size() + " passed, 0 failed"), out());
    }

    @Test
    @DisplayName("test: an unknown ID or a missing ID exits 2 with one line, as run does")
    void testRejectsUnknownAndMissingIds() {
        assertEquals(Cookbook.USAGE, cookbook("test", "LCK-99"));
        assertEquals(Cookbook.USAGE, cookbook("test"));
        assertEquals(2, err().lines().count(), err());
        assertTrue(err().startsWith("cookbook: no recipe 'LCK-99'; closest: LCK-"), err());
    }

    @Test
    @DisplayName("help: no command prints usage and exits 0")
    void helpExitsZero() {
        assertEquals(Cookbook.OK, cookbook());
        assertTrue(out().contains("./cookbook run ID"), out());
        assertTrue(out().contains("./cookbook site") && out().contains("./cookbook serve [port]"), out());
    }

    @Test
    @DisplayName("IDs are forgiving about case, dash and leading zero")
    void idsAreNormalised() {
        assertEquals("THR-01", Cookbook.normalise("thr-1"));
        assertEquals("LCK-06", Cookbook.normalise(" lck06 "));
        assertEquals("NO-SUCH-99", Cookbook.normalise("no-such-99"));
    }

    @Test
    @DisplayName("a malformed recipe list names the file and line")
    void malformedRecipeListIsExplained() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> RecipeRegistry.parse("THR-01\tonly two", "test.tsv"));
        assertTrue(e.getMessage().startsWith("test.tsv line 1"), e.getMessage());
    }
}
