package cookbook.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs the tests that prove one recipe's claims and prints each claim with its verdict.
 * A claim is a test whose display name starts with the recipe's ID ({@code "LCK-06: ..."});
 * a repeated test is one claim however many times it runs.
 *
 * <p>Started by {@code ./cookbook test ID} in a JVM of its own, in the recipe's module
 * directory and with that module's test class path, so the tests run as they do under
 * Maven (same working directory, same JUnit configuration, same leak check).
 *
 * <pre>java -cp ... cookbook.launcher.ClaimRunner ID TEST_CLASSES_DIR</pre>
 */
public final class ClaimRunner {
    private ClaimRunner() {
    }

    /** A claim's tally: how many of its runs passed, which failed and why. */
    static final class Verdict {
        int runs;
        int failures;
        int skipped;
        String firstFailure;
        String skipReason;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ClaimRunner ID TEST_CLASSES_DIR");
            System.exit(2);
        }
        // What the tests themselves print (their logs) goes to a file, as under Maven; the
        // console shows only the verdicts.
        PrintStream console = System.out;
        Path log = Path.of("target", "cookbook-test-output.txt");
        try (var testOutput = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(testOutput);
            System.setErr(testOutput);
            int code = run(args[0], Path.of(args[1]), console);
            console.println("(what the tests printed: " + log.toAbsolutePath() + ")");
            console.flush();
            System.exit(code);
        } catch (IOException e) {
            console.println("cookbook: cannot write " + log.toAbsolutePath() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the claims of {@code id} found under {@code testClasses}; 0 if all passed, 1 if not. */
    static int run(String id, Path testClasses, PrintStream out) {
        String prefix = id + ":";
        LauncherDiscoveryRequest request = request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters((PostDiscoveryFilter) descriptor -> descriptor.getDisplayName().startsWith(prefix)
                        ? FilterResult.included("claims " + id)
                        : FilterResult.excluded("not a claim of " + id))
                .build();
        Map<String, Verdict> claims = new LinkedHashMap<>();
        var listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                claimOf(test).ifPresent(claim -> {
                    Verdict v = claims.computeIfAbsent(claim, c -> new Verdict());
                    v.runs++;
                    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                        // An assumption said this machine cannot show the claim (say, one free core).
                        v.skipped++;
                        v.skipReason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
                    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        v.failures++;
                        if (v.firstFailure == null) {
                            v.firstFailure = result.getThrowable().map(ClaimRunner::firstLine)
                                    .orElse(result.getStatus().toString());
                        }
                    }
                });
            }

            /** The test's own display name if it names the claim, else its template's (repetitions). */
            private Optional<String> claimOf(TestIdentifier test) {
                for (TestIdentifier t = test; t != null; t = plan.getParent(t).orElse(null)) {
                    if (t.getDisplayName().startsWith(prefix)) {
                        return Optional.of(t.getDisplayName());
                    }
                }
                return Optional.empty();
            }
        };
        LauncherFactory.create().execute(request, listener);

        if (claims.isEmpty()) {
            out.println("cookbook: no test claims " + id + " (no @DisplayName starting \"" + prefix + "\")");
            return 1;
        }
        int failed = 0;
        int skipped = 0;
        for (var claim : claims.entrySet()) {
            Verdict v = claim.getValue();
            if (v.failures == 0 && v.skipped == v.runs) {
                skipped++;
                out.println("  skipped " + claim.getKey());
                out.println("          " + v.skipReason);
                continue;
            }
            int passed = v.runs - v.failures - v.skipped;
            String runs = v.runs == 1 ? "" : " (" + passed + " of " + v.runs + " runs)";
            out.println((v.failures == 0 ? "  passed  " : "  FAILED  ") + claim.getKey() + runs);
            if (v.failures > 0) {
                failed++;
                out.println("          " + v.firstFailure);
            }
        }
        out.println(claims.size() + " claims: " + (claims.size() - failed - skipped) + " passed, " + failed + " failed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped (reasons above)"));
        return failed == 0 ? 0 : 1;
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int newline = message.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
