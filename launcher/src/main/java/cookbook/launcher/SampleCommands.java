package cookbook.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import cookbook.site.SampleOutput;

/**
 * {@code ./cookbook check-samples [--jobs N] [ID...]} runs each recipe's {@code main} exactly as
 * {@code ./cookbook run ID} does (a JVM of its own, same options and class path), captures stdout
 * and stderr together, and compares them with the recording in
 * {@code <module>/src/test/resources/sample-output/<ID>.txt}: one line per recipe, exit 1 on any
 * mismatch. {@code ./cookbook sample ID...|--all} refreshes recordings: what still matches keeps
 * its patterns, new lines are written literally (to be hand-edited into patterns where they vary).
 */
final class SampleCommands {
    static final String DIR = "src/test/resources/sample-output";

    /** How long one recipe may run, even on a crowded machine. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /**
     * Recipes that load the whole machine (tens of thousands of threads, CPU-bound rounds): each
     * runs with no other recipe beside it, so it neither starves nor is starved.
     */
    static final Set<String> RUN_ALONE = Set.of("LCK-02", "LCK-08", "POOL-07", "POOL-10", "THR-05", "PROC-17");

    private final Path root;
    private final RecipeRegistry registry;
    private final PrintStream out;
    private final PrintStream err;

    SampleCommands(Path root, RecipeRegistry registry, PrintStream out, PrintStream err) {
        this.root = root;
        this.registry = registry;
        this.out = out;
        this.err = err;
    }

    /** What a recipe printed, and how its JVM ended. */
    record Run(Recipe recipe, String output, int exitCode, boolean timedOut, Duration took) {
    }

    int check(List<String> args) {
        var parsed = parse(args, true);
        if (parsed == null) {
            return Cookbook.USAGE;
        }
        long start = System.nanoTime();
        int ok = 0;
        var failed = new ArrayList<String>();
        for (Future<Run> future : runAll(parsed.recipes(), parsed.jobs())) {
            Run run = join(future);
            String id = run.recipe().id();
            String problem = verdict(run);
            if (problem == null) {
                ok++;
                out.printf("ok        %-9s (%s)%n", id, human(run.took()));
            } else {
                failed.add(id);
                out.printf("MISMATCH  %-9s %s%n", id, problem);
            }
            out.flush();
        }
        int checked = ok + failed.size();
        out.printf("%d recipe%s: %d ok, %d mismatched%s, in %s%n", checked, checked == 1 ? "" : "s", ok, failed.size(),
                failed.isEmpty() ? "" : " (" + String.join(" ", failed) + ")",
                human(Duration.ofNanos(System.nanoTime() - start)));
        if (!failed.isEmpty()) {
            out.println("A recipe's output changed on purpose? ./cookbook sample ID refreshes its recording"
                    + " (then check the diff, and write what varies as patterns: site/README.md).");
        }
        return failed.isEmpty() ? Cookbook.OK : Cookbook.RECIPE_FAILED;
    }

    int sample(List<String> args) {
        var parsed = parse(args, false);
        if (parsed == null) {
            return Cookbook.USAGE;
        }
        int code = Cookbook.OK;
        for (Future<Run> future : runAll(parsed.recipes(), parsed.jobs())) {
            Run run = join(future);
            String id = run.recipe().id();
            if (run.timedOut() || run.exitCode() != 0) {
                out.printf("FAILED    %-9s %s; recording left as it was%n", id, ended(run));
                code = Cookbook.RECIPE_FAILED;
                continue;
            }
            Path file = recording(run.recipe());
            try {
                String before = Files.isRegularFile(file) ? Files.readString(file) : null;
                String after = (before == null ? SampleOutput.parse("") : SampleOutput.parse(before))
                        .refresh(run.output());
                if (after.equals(before)) {
                    out.printf("unchanged %-9s (still matches %s)%n", id, root.relativize(file));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, after);
                    out.printf("wrote     %-9s %s%n", id, root.relativize(file));
                }
            } catch (IllegalArgumentException e) {
                out.printf("FAILED    %-9s %s cannot be read: %s%n", id, root.relativize(file), e.getMessage());
                code = Cookbook.RECIPE_FAILED;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
        return code;
    }

    /** Null when the run matches its recording; otherwise the one line saying why not. */
    String verdict(Run run) {
        if (run.timedOut() || run.exitCode() != 0) {
            return ended(run) + lastLine(run.output());
        }
        Path file = recording(run.recipe());
        if (!Files.isRegularFile(file)) {
            return "no recording at " + root.relativize(file) + " (./cookbook sample " + run.recipe().id()
                    + " writes one)";
        }
        try {
            SampleOutput.Verdict verdict = SampleOutput.parse(Files.readString(file)).check(run.output());
            return verdict.matches() ? null : verdict.mismatch();
        } catch (IllegalArgumentException e) {
            return root.relativize(file) + " cannot be read: " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ended(Run run) {
        return run.timedOut() ? "did not finish within " + human(TIMEOUT) : "exited with code " + run.exitCode();
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : "; last line: \"" + lines.getLast().strip() + "\"";
    }

    Path recording(Recipe recipe) {
        return root.resolve(recipe.module()).resolve(DIR).resolve(recipe.id() + ".txt");
    }

    private record Parsed(List<Recipe> recipes, int jobs) {
    }

    /** {@code [--jobs N] [--all] [ID...]}: no ID means all only where {@code allByDefault}. */
    private Parsed parse(List<String> args, boolean allByDefault) {
        int jobs = 2;
        boolean all = false;
        var recipes = new LinkedHashSet<Recipe>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--all")) {
                all = true;
            } else if (arg.equals("--jobs") || arg.equals("-j")) {
                try {
                    jobs = Integer.parseInt(args.get(++i));
                } catch (RuntimeException e) {
                    jobs = 0;
                }
                if (jobs < 1) {
                    return usageError("--jobs needs a positive number, e.g. --jobs 2");
                }
            } else {
                var found = registry.find(Cookbook.normalise(arg));
                if (found.isEmpty()) {
                    return usageError("no recipe '" + arg + "'; closest: "
                            + String.join(", ", registry.closest(Cookbook.normalise(arg))) + " (./cookbook list shows all)");
                }
                recipes.add(found.get());
            }
        }
        if (all || recipes.isEmpty() && allByDefault) {
            recipes.addAll(registry.all());
        }
        if (recipes.isEmpty()) {
            return usageError("'sample' needs recipe IDs or --all, e.g. ./cookbook sample THR-01");
        }
        return new Parsed(List.copyOf(recipes), jobs);
    }

    private Parsed usageError(String message) {
        err.println("cookbook: " + message);
        return null;
    }

    /**
     * Starts every run on {@code jobs} workers and returns their futures in the given order. A
     * recipe in {@link #RUN_ALONE} takes every permit, so it runs with nothing beside it.
     */
    private List<Future<Run>> runAll(List<Recipe> recipes, int jobs) {
        var permits = new Semaphore(jobs, true);
        var futures = new ArrayList<Future<Run>>();
        ExecutorService workers = Executors.newFixedThreadPool(jobs,
                Thread.ofPlatform().name("sample-run-", 0).daemon(true).factory());
        for (Recipe recipe : recipes) {
            int need = RUN_ALONE.contains(recipe.id()) ? jobs : 1;
            futures.add(workers.submit(() -> {
                permits.acquire(need);
                try {
                    return run(recipe);
                } finally {
                    permits.release(need);
                }
            }));
        }
        workers.shutdown();
        return futures;
    }

    private static Run join(Future<Run> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a recipe run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a recipe run failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The command line {@code ./cookbook run ID} ends in, for this JVM's class path. */
    List<String> command(Recipe recipe) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dcookbook.root=" + root));
        // The script passes Hazelcast's JVM options (distributed/jvm.options) to every recipe.
        Path options = root.resolve("distributed/jvm.options");
        if (Files.exists(options)) {
            command.add("@" + options);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Cookbook.class.getName(), "run", recipe.id()));
        return command;
    }

    Run run(Recipe recipe) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cookbook-sample-" + recipe.id() + "-", ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(recipe)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean ended = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Run(recipe, output, ended ? process.exitValue() : -1, !ended, took);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** {@code 840 ms}, {@code 2.8 s}, {@code 3.1 min}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
}
