package cookbook.launcher;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command behind {@code ./cookbook}: {@code list}, {@code run ID [args...]},
 * {@code test ID}, {@code index}, {@code site} and {@code serve [port]}. Every mistake a
 * reader can make (an unknown ID, an argument a recipe does not take, a busy port, a recipe
 * that fails) ends in one line saying what went wrong and what to do, with exit code 2 for a
 * usage error and 1 for a recipe that failed while running.
 */
public final class Cookbook {
    static final int OK = 0;
    static final int RECIPE_FAILED = 1;
    static final int USAGE = 2;

    private static final String HELP = """
            Usage: ./cookbook list              list every recipe, ID first
                   ./cookbook run ID [args...]  run one recipe, e.g. ./cookbook run THR-01
                   ./cookbook test ID           run the tests proving one recipe's claims
                   ./cookbook index             print the README's recipe index (Markdown)
                   ./cookbook site              write the side-by-side site, print its file:// address
                   ./cookbook serve [port]      write it, serve it on http://127.0.0.1:port/ until Ctrl-C
                                                (port 8000 unless given; 0 picks a free one)
                   ./cookbook check-samples [ID...]  run recipes, compare with their recorded output (all if no ID)
                   ./cookbook sample ID...|--all     run recipes and refresh their recorded output
                   ./cookbook stress [filter]   run the jcstress tests (all, one recipe's, or a name regex)
                                                and print their outcome tables (stress/README.md)
                   ./cookbook bench [filter]    time Java recipes beside their Python originals (--jmh: the JMH suite;
                                                --publish: record a full run for the README and the site)""";

    /** The project's root directory, which ./cookbook passes in; the site is written under it. */
    private static final Path ROOT = Path.of(System.getProperty("cookbook.root", ".")).toAbsolutePath().normalize();

    private static final Pattern SHORT_ID = Pattern.compile("([A-Z]+)-?(\\d{1,2})");

    private final RecipeRegistry registry;
    private final PrintStream out;
    private final PrintStream err;
    private final SiteCommands site;
    private final SampleCommands samples;

    Cookbook(RecipeRegistry registry, PrintStream out, PrintStream err) {
        this(registry, out, err, ROOT.resolve("site/target/site"), SiteCommands.UNTIL_STOPPED);
    }

    /** With the site written to {@code siteDir}, and {@code serve} serving as long as {@code serving} says. */
    Cookbook(RecipeRegistry registry, PrintStream out, PrintStream err, Path siteDir, SiteCommands.Serving serving) {
        this.registry = registry;
        this.out = out;
        this.err = err;
        this.site = new SiteCommands(ROOT, siteDir, out, err, serving);
        this.samples = new SampleCommands(ROOT, registry, out, err);
    }

    public static void main(String[] args) {
        int code = new Cookbook(RecipeRegistry.load(), System.out, System.err).execute(args);
        System.out.flush();
        // Exit explicitly: a recipe's stray non-daemon thread must not keep the reader waiting.
        System.exit(code);
    }

    int execute(String... args) {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            out.println(HELP);
            return OK;
        }
        return switch (args[0]) {
            case "list" -> args.length == 1 ? list() : usageError("'list' takes no arguments");
            case "index" -> args.length == 1 ? index() : usageError("'index' takes no arguments");
            case "site" -> args.length == 1 ? site.site() : usageError("'site' takes no arguments");
            case "serve" -> args.length <= 2
                    ? site.serve(args.length == 2 ? args[1] : null)
                    : usageError("'serve' takes at most a port number, e.g. ./cookbook serve 8000");
            case "run" -> args.length >= 2
                    ? run(args[1], Arrays.copyOfRange(args, 2, args.length))
                    : usageError("'run' needs a recipe ID, e.g. ./cookbook run THR-01 (see ./cookbook list)");
            case "test" -> args.length == 2
                    ? test(args[1])
                    : usageError("'test' needs one recipe ID, e.g. ./cookbook test LCK-06 (see ./cookbook list)");
            case "check-samples" -> samples.check(List.of(args).subList(1, args.length));
            case "sample" -> samples.sample(List.of(args).subList(1, args.length));
            default -> usageError("unknown command '" + args[0]
                    + "'; the commands are list, run, test, index, site, serve, check-samples and sample");
        };
    }

    private int list() {
        for (Recipe r : registry.all()) {
            out.printf("%-9s %-58s %s%n", r.id(), r.title(), r.module());
        }
        return OK;
    }

    private int index() {
        out.println("| ID | Recipe | Module | Source |");
        out.println("|---|---|---|---|");
        for (Recipe r : registry.all()) {
            String simpleName = r.className().substring(r.className().lastIndexOf('.') + 1);
            out.printf("| %s | %s | [%s](%s/README.md) | [%s](%s) |%n",
                    r.id(), r.title(), r.module(), r.module(), simpleName, r.sourcePath());
        }
        return OK;
    }

    private int run(String rawId, String[] recipeArgs) {
        var found = registry.find(normalise(rawId));
        if (found.isEmpty()) {
            return unknownRecipe(rawId);
        }
        Recipe recipe = found.get();
        if (recipeArgs.length > 0 && !recipe.takesArguments()) {
            return usageError(recipe.id() + " takes no arguments, got: " + String.join(" ", recipeArgs));
        }
        MethodHandle main;
        try {
            main = MethodHandles.publicLookup().findStatic(Class.forName(recipe.className()), "main",
                    MethodType.methodType(void.class, String[].class));
        } catch (ReflectiveOperationException e) {
            err.println("cookbook: " + recipe.id() + " is listed but its class " + recipe.className()
                    + " has no public static main(String[]) (" + e + "); rebuild with ./mvnw verify");
            return RECIPE_FAILED;
        }
        out.println("== " + recipe.id() + "  " + recipe.title() + "  (" + recipe.sourcePath() + ")");
        out.flush();
        try {
            main.invoke((Object) recipeArgs);
            return OK;
        } catch (Throwable t) {
            // A recipe that takes arguments rejects bad ones with IllegalArgumentException.
            if (t instanceof IllegalArgumentException bad && recipe.takesArguments() && recipeArgs.length > 0) {
                return usageError(recipe.id() + ": " + bad.getMessage() + "; usage: ./cookbook run "
                        + recipe.id() + " " + recipe.usage());
            }
            if (System.getenv("COOKBOOK_DEBUG") != null) {
                t.printStackTrace(err);
            }
            err.println("cookbook: " + recipe.id() + " failed: " + t
                    + " (set COOKBOOK_DEBUG=1 to see the stack trace)");
            return RECIPE_FAILED;
        }
    }

    private int test(String rawId) {
        var found = registry.find(normalise(rawId));
        if (found.isEmpty()) {
            return unknownRecipe(rawId);
        }
        Recipe recipe = found.get();
        out.println("== " + recipe.id() + "  " + recipe.title() + "  (claims proven by " + recipe.module()
                + "/src/test)");
        out.flush();
        try {
            return ClaimTests.run(recipe, out, err);
        } catch (IllegalStateException e) {
            err.println("cookbook: " + e.getMessage());
            return USAGE;
        }
    }

    private int unknownRecipe(String rawId) {
        return usageError("no recipe '" + rawId + "'; closest: "
                + String.join(", ", registry.closest(normalise(rawId))) + " (./cookbook list shows all)");
    }

    /** Accepts what people type: "thr-1", "THR01", " thr-01 " all mean THR-01. */
    static String normalise(String raw) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        var m = SHORT_ID.matcher(s);
        return m.matches() ? m.group(1) + "-" + String.format("%02d", Integer.parseInt(m.group(2))) : s;
    }

    private int usageError(String message) {
        err.println("cookbook: " + message);
        return USAGE;
    }
}
