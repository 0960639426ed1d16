package cookbook.site;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's Java files the site reads (recipes, tests), each parsed once. JavaParser is
 * the generator's main cost, so the known files are parsed up front on every core.
 */
final class Sources {
    private final Project project;
    private final Problems problems;
    private final Map<String, JavaSource> parsed = new ConcurrentHashMap<>();

    Sources(Project project, List<String> repoPaths, Problems problems) {
        this.project = project;
        this.problems = problems;
        repoPaths.parallelStream().distinct().filter(p -> Files.isRegularFile(project.root.resolve(p)))
                .forEach(this::get);
    }

    /** The parsed file at {@code repoPath} (relative to the project root), which must exist. */
    JavaSource get(String repoPath) {
        return parsed.computeIfAbsent(repoPath,
                p -> JavaSource.parse(p, Project.read(project.root.resolve(p)), problems));
    }
}
