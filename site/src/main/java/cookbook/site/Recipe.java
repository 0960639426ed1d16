package cookbook.site;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One line of a module's {@code META-INF/cookbook/recipes.tsv}: ID, title, module, class and
 * an optional usage string for the recipe's arguments. The site reads these files from disk,
 * not from the class path, so it needs no recipe module to be built.
 */
record Recipe(String id, String title, String module, String className, String usage) {
    static final Pattern ID = Pattern.compile("([A-Z]+)-(\\d{2})");

    /** Catalogue order inside a chapter: the ID's number (LCK-02 before LCK-10). */
    static final Comparator<Recipe> BY_NUMBER = Comparator.comparingInt(Recipe::number);

    Recipe {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("recipe ID '" + id + "' is not of the form ABC-01");
        }
    }

    int number() {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The recipe's source, relative to the project root. */
    String sourcePath() {
        return module + "/src/main/java/" + className.replace('.', '/') + ".java";
    }

    /** The recipe's page, relative to the site root. */
    String page() {
        return module + "/" + id + ".html";
    }
}
