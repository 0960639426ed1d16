package cookbook.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.TestInfo;

import cookbook.stress.runner.OutcomeReport.Row;
import cookbook.stress.runner.OutcomeReport.Verdict;

/** What ./cookbook stress decides without running jcstress: which tests, and what a result means. */
class StressCommandTest {

    @Test
    @DisplayName("stress: a recipe ID, typed loosely, selects exactly the tests backing that recipe")
    void recipeIdSelectsItsTests() {
        List<String> lck01 = StressCommand.select("lck1").stream().map(TestInfo::name).toList();
        assertEquals(5, lck01.size(), lck01.toString());
        assertTrue(lck01.stream().allMatch(n -> n.startsWith("cookbook.stress.LostUpdatesStress.")), lck01.toString());
        assertEquals(3, StressCommand.select("THR-10").size());
        assertEquals(StressCommand.catalogue().size(), StressCommand.select("").size());
    }

    @Test
    @DisplayName("stress: any other filter is a regex on test names")
    void regexSelectsByName() {
        assertEquals(List.of("cookbook.stress.ThreadStatesStress.PlainStopFlag",
                        "cookbook.stress.ThreadStatesStress.PlainStopFlagOnSpinWait"),
                StressCommand.select("Plain.*Flag").stream().map(TestInfo::name).toList());
    }

    @Test
    @DisplayName("stress: an unknown filter or a broken regex exits 2 and lists every test, without running jcstress")
    void unknownFilterListsNames(@TempDir Path results) throws Exception {
        for (String filter : List.of("NoSuchTest", "(")) {
            var err = new ByteArrayOutputStream();
            int code = new StressCommand(new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8), results).execute(filter);
            assertEquals(StressCommand.USAGE, code, filter);
            String listing = err.toString(StandardCharsets.UTF_8);
            assertTrue(listing.contains("no stress test matches '" + filter + "'"), listing);
            assertTrue(listing.contains("LCK-07  cookbook.stress.SingletonsStress.BrokenDoubleCheckedLocking"), listing);
        }
    }

    @Test
    @DisplayName("stress: a broken variant whose interesting outcome never showed is 'not observed', never passed")
    void brokenVariantWithoutItsOutcomeIsNotObserved() {
        var rows = List.of(new Row("2", Expect.ACCEPTABLE, 1_000, "both landed"),
                new Row("1", Expect.ACCEPTABLE_INTERESTING, 0, "lost update"));
        assertEquals(Verdict.NOT_OBSERVED, OutcomeReport.verdict(true, true, rows, 1_000));
        var seen = List.of(rows.get(0), new Row("1", Expect.ACCEPTABLE_INTERESTING, 3, "lost update"));
        assertEquals(Verdict.SHOWN, OutcomeReport.verdict(true, true, seen, 1_003));
    }

    @Test
    @DisplayName("stress: a forbidden outcome seen once fails the run; so do an error and an empty result")
    void forbiddenErrorAndNoSamplesFail() {
        var forbidden = List.of(new Row("2", Expect.ACCEPTABLE, 1_000, "both landed"),
                new Row("1", Expect.FORBIDDEN, 1, "lost inside the lock"));
        assertEquals(Verdict.FORBIDDEN_SEEN, OutcomeReport.verdict(false, true, forbidden, 1_001));
        assertEquals(Verdict.HELD, OutcomeReport.verdict(false, true, forbidden.subList(0, 1), 1_000));
        assertEquals(Verdict.ERROR, OutcomeReport.verdict(false, false, forbidden.subList(0, 1), 1_000));
        assertEquals(Verdict.NO_SAMPLES, OutcomeReport.verdict(false, true, List.of(), 0));
        assertTrue(Verdict.FORBIDDEN_SEEN.fails() && Verdict.ERROR.fails() && Verdict.NO_SAMPLES.fails());
        assertTrue(!Verdict.NOT_OBSERVED.fails() && !Verdict.SHOWN.fails() && !Verdict.HELD.fails());
    }
}
