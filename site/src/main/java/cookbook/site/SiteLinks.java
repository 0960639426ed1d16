package cookbook.site;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where each file of the project lives on the site, so that a link written in a README
 * ({@code src/main/java/.../LostUpdates.java}, {@code ../locks/README.md#lck-06-...},
 * {@code notes/gil-vs-jmm.md}) leads to the page that shows it. A link to any other file of the
 * project (a test, a script) gets a page of its own under {@code files/}.
 */
final class SiteLinks {
    /** Destinations already resolved to a page of the site carry this scheme until rendered. */
    static final String SCHEME = "site:";
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+");

    private final Path root;
    private final Map<String, String> pages = new HashMap<>();
    private final Map<String, String> anchorPages = new HashMap<>();
    private final Map<String, Set<String>> anchors = new HashMap<>();
    private final Map<String, String> recipePages = new HashMap<>();
    private final Set<String> filePages = new TreeSet<>();

    SiteLinks(Path root) {
        this.root = root;
    }

    /** The project file {@code repoPath} is shown on {@code page}, with these heading anchors. */
    void page(String repoPath, String page, Set<String> headingAnchors) {
        pages.put(repoPath, page);
        anchors.computeIfAbsent(repoPath, p -> new HashSet<>()).addAll(headingAnchors);
    }

    /** The heading {@code anchor} of {@code repoPath} is a page of its own (a recipe's section). */
    void anchorPage(String repoPath, String anchor, String page) {
        anchorPages.put(repoPath + "#" + anchor, page);
    }

    void recipe(Recipe recipe) {
        recipePages.put(recipe.id(), recipe.page());
        pages.put(recipe.sourcePath(), recipe.page());
    }

    Optional<String> recipePage(String id) {
        return Optional.ofNullable(recipePages.get(id));
    }

    /** The page of a project file that is shown as a file (tests, scripts): {@code files/<path>.html}. */
    String filePage(String repoPath) {
        filePages.add(repoPath);
        return "files/" + repoPath + ".html";
    }

    /** Every file that got a page through {@link #filePage}. */
    Set<String> filePages() {
        return Set.copyOf(filePages);
    }

    /**
     * Where a link written in {@code fromRepoPath} leads: an external URL unchanged, a page of
     * the site as {@code site:path#anchor}, or nothing when its target does not exist.
     */
    Optional<String> resolve(String fromRepoPath, String destination) {
        if (EXTERNAL.matcher(destination).matches()) {
            return Optional.of(destination);
        }
        int hash = destination.indexOf('#');
        String pathPart = hash < 0 ? destination : destination.substring(0, hash);
        String anchor = hash < 0 ? "" : destination.substring(hash + 1);
        String target = fromRepoPath;
        if (!pathPart.isEmpty()) {
            Path parent = Path.of(fromRepoPath).getParent();
            Path resolved = (parent == null ? Path.of(decode(pathPart)) : parent.resolve(decode(pathPart))).normalize();
            target = resolved.toString().replace('\\', '/');
            if (target.startsWith("..") || target.isEmpty()) {
                return Optional.empty();
            }
        }
        return page(target, anchor).map(p -> SCHEME + p);
    }

    private Optional<String> page(String target, String anchor) {
        if (!anchor.isEmpty() && anchorPages.containsKey(target + "#" + anchor)) {
            return Optional.of(anchorPages.get(target + "#" + anchor));
        }
        String page = pages.get(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
        if (page == null) {
            page = pages.get(target + "/README.md");
        }
        if (page != null) {
            if (anchor.isEmpty()) {
                return Optional.of(page);
            }
            Set<String> known = anchors.getOrDefault(target, anchors.getOrDefault(target + "/README.md", Set.of()));
            return known.contains(anchor) ? Optional.of(page + "#" + anchor) : Optional.empty();
        }
        if (Files.isRegularFile(root.resolve(target))) {
            String file = filePage(target);
            if (anchor.isEmpty()) {
                return Optional.of(file);
            }
            return LINE_ANCHOR.matcher(anchor).matches() ? Optional.of(file + "#" + anchor) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
