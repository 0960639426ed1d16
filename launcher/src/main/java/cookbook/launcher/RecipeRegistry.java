package cookbook.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * All recipes on the class path. Each module lists its recipes in
 * {@code src/main/resources/META-INF/cookbook/recipes.tsv}, one per line:
 * {@code ID <tab> title <tab> module <tab> class [<tab> usage]}. Lines starting with '#'
 * are comments. The launcher's tests check every line against the code and the notes.
 */
public final class RecipeRegistry {
    static final String RESOURCE = "META-INF/cookbook/recipes.tsv";

    private final List<Recipe> recipes;

    RecipeRegistry(List<Recipe> recipes) {
        var sorted = new ArrayList<>(recipes);
        sorted.sort(Recipe.BY_ID);
        this.recipes = Collections.unmodifiableList(sorted);
    }

    /** Reads every module's recipe list visible to this class loader. */
    public static RecipeRegistry load() {
        var all = new ArrayList<Recipe>();
        try {
            var urls = RecipeRegistry.class.getClassLoader().getResources(RESOURCE);
            for (URL url : Collections.list(urls)) {
                try (InputStream in = url.openStream()) {
                    all.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recipe lists (" + RESOURCE + ")", e);
        }
        return new RecipeRegistry(all);
    }

    static List<Recipe> parse(String text, String origin) {
        var out = new ArrayList<Recipe>();
        var lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = lines[i].split("\t", -1);
            if (cols.length < 4 || cols.length > 5) {
                throw new IllegalStateException(origin + " line " + (i + 1)
                        + ": expected ID<tab>title<tab>module<tab>class[<tab>usage], got: " + line);
            }
            out.add(new Recipe(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip(),
                    cols.length == 5 ? cols[4].strip() : ""));
        }
        return out;
    }

    public List<Recipe> all() {
        return recipes;
    }

    public Optional<Recipe> find(String id) {
        return recipes.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Up to three IDs that look most like {@code wanted}, for "did you mean". */
    public List<String> closest(String wanted) {
        return recipes.stream()
                .map(Recipe::id)
                .sorted((a, b) -> Integer.compare(distance(wanted, a), distance(wanted, b)))
                .limit(3)
                .toList();
    }

    /** Levenshtein edit distance: how many single-character edits turn a into b. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
