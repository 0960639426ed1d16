package cookbook.launcher;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One line of a module's {@code META-INF/cookbook/recipes.tsv}: the recipe's ID, its title,
 * the module it lives in, its class (whose {@code main} runs it) and, if it takes any, a
 * usage string for its arguments.
 */
public record Recipe(String id, String title, String module, String className, String usage) {
    static final Pattern ID_SHAPE = Pattern.compile("([A-Z]+)-(\\d{2})");

    /** ID order: by prefix, then by number (so LCK-02 precedes LCK-10). */
    static final Comparator<String> ID_ORDER = Comparator.comparing(Recipe::prefix)
            .thenComparingInt(Recipe::number);

    static final Comparator<Recipe> BY_ID = Comparator.comparing(Recipe::id, ID_ORDER);

    public Recipe {
        if (!ID_SHAPE.matcher(id).matches()) {
            throw new IllegalArgumentException("recipe ID '" + id + "' is not of the form ABC-01");
        }
    }

    public boolean takesArguments() {
        return !usage.isBlank();
    }

    /** Where the recipe's source lives, relative to the project root. */
    public String sourcePath() {
        return module + "/src/main/java/" + className.replace('.', '/') + ".java";
    }

    static String prefix(String id) {
        return id.substring(0, id.indexOf('-'));
    }

    static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }
}
