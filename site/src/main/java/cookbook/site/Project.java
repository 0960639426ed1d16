package cookbook.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the site is made of, read from the project's files: the modules the root pom lists that
 * have a recipe registry, in syllabus order, and the versions the root pom pins.
 */
final class Project {
    static final String REGISTRY = "src/main/resources/META-INF/cookbook/recipes.tsv";

    /** The syllabus: chapters in reading order. A module not listed here comes after, by name. */
    static final List<String> SYLLABUS = List.of(
            "threads", "locks", "pools", "processes", "async", "producer-consumer", "distributed");

    final Path root;
    final List<String> modules;
    final Map<String, String> properties;

    private Project(Path root, List<String> modules, Map<String, String> properties) {
        this.root = root;
        this.modules = modules;
        this.properties = properties;
    }

    static Project at(Path root) {
        Path pom = root.resolve("pom.xml");
        var modules = new ArrayList<String>();
        var properties = new HashMap<String, String>();
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            var document = factory.newDocumentBuilder().parse(pom.toFile());
            var project = document.getDocumentElement();
            for (Element list : children(project, "modules")) {
                for (Element module : children(list, "module")) {
                    modules.add(module.getTextContent().strip());
                }
            }
            for (Element list : children(project, "properties")) {
                for (Element property : children(list, null)) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom " + pom + ": " + e.getMessage(), e);
        }
        List<String> withRecipes = modules.stream()
                .filter(m -> Files.isRegularFile(root.resolve(m).resolve(REGISTRY)))
                .sorted(Comparator.comparingInt(Project::syllabusRank).thenComparing(m -> m))
                .toList();
        return new Project(root, withRecipes, Map.copyOf(properties));
    }

    static int syllabusRank(String module) {
        int rank = SYLLABUS.indexOf(module);
        return rank < 0 ? SYLLABUS.size() : rank;
    }

    /** The recipes a module's registry lists, in catalogue (ID number) order. */
    List<Recipe> recipesOf(String module) {
        Path registry = root.resolve(module).resolve(REGISTRY);
        var recipes = new ArrayList<Recipe>();
        List<String> lines = readLines(registry);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 4 || cols.length > 5) {
                throw new IllegalStateException(registry + " line " + (i + 1)
                        + ": expected ID<tab>title<tab>module<tab>class[<tab>usage], got: " + line);
            }
            recipes.add(new Recipe(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip(),
                    cols.length == 5 ? cols[4].strip() : ""));
        }
        recipes.sort(Recipe.BY_NUMBER);
        return recipes;
    }

    /** The cross-chapter notes, {@code notes/*.md}, by file name. */
    List<Path> notes() {
        Path dir = root.resolve("notes");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String property(String name) {
        String value = properties.get(name);
        if (value == null) {
            throw new IllegalStateException("the root pom has no <" + name + "> property");
        }
        return value;
    }

    /** Path relative to the project root, with forward slashes. */
    String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        var found = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                found.add(e);
            }
        }
        return found;
    }
}
