package cookbook.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;

/**
 * The claims of a module's recipes: every test method whose {@code @DisplayName} starts with a
 * recipe ID ({@code "LCK-06: opposite lock order deadlocks; ..."}), found by parsing the test
 * sources with JavaParser, with the class and method Surefire reports it under.
 */
final class Claims {
    private static final Pattern CLAIM = Pattern.compile("([A-Z]+-\\d{2}):\\s*(.+)", Pattern.DOTALL);

    /** One claim: the recipe, its words, and the test that proves it (file, binary class, method, line). */
    record Claim(String id, String text, String testFile, String testClass, String method, int line,
                 List<String> tags) {
        String displayName() {
            return id + ": " + text;
        }
    }

    private Claims() {
    }

    /** Every claim in {@code module}'s {@code src/test/java}, in file and line order. */
    static List<Claim> of(Project project, String module, Sources sources) {
        var claims = new ArrayList<Claim>();
        for (String repoPath : testFiles(project, module)) {
            sources.get(repoPath).unit.ifPresent(unit -> unit.findAll(MethodDeclaration.class)
                    .forEach(method -> claim(repoPath, method).ifPresent(claims::add)));
        }
        return claims;
    }

    /** The Java files under {@code module}'s {@code src/test/java}, relative to the project root, sorted. */
    static List<String> testFiles(Project project, String module) {
        Path tests = project.root.resolve(module).resolve("src/test/java");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(project::relative).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Claim> claim(String repoPath, MethodDeclaration method) {
        Optional<String> name = method.getAnnotationByName("DisplayName").flatMap(Claims::value);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = CLAIM.matcher(name.get().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        var tags = new ArrayList<String>();
        for (Node n = method; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> annotated) {
                annotated.getAnnotations().stream().filter(a -> a.getNameAsString().equals("Tag"))
                        .map(Claims::value).flatMap(Optional::stream).forEach(tags::add);
            }
        }
        return Optional.of(new Claim(m.group(1), m.group(2).replaceAll("\\s+", " "), repoPath,
                binaryName(method), method.getNameAsString(), method.getBegin().map(p -> p.line).orElse(1),
                List.copyOf(tags)));
    }

    /** The annotation's string value: a literal, a text block, or literals joined with {@code +}. */
    private static Optional<String> value(AnnotationExpr annotation) {
        Expression value = switch (annotation) {
            case SingleMemberAnnotationExpr single -> single.getMemberValue();
            case NormalAnnotationExpr normal -> normal.getPairs().stream()
                    .filter(p -> p.getNameAsString().equals("value")).findFirst().map(p -> p.getValue()).orElse(null);
            default -> null;
        };
        return constant(value);
    }

    private static Optional<String> constant(Expression e) {
        return switch (e) {
            case StringLiteralExpr s -> Optional.of(s.asString());
            case TextBlockLiteralExpr t -> Optional.of(t.asString());
            case BinaryExpr b when b.getOperator() == BinaryExpr.Operator.PLUS ->
                    constant(b.getLeft()).flatMap(l -> constant(b.getRight()).map(r -> l + r));
            case null, default -> Optional.empty();
        };
    }

    /** {@code cookbook.locks.Outer$Inner}: how Surefire names a nested test class. */
    private static String binaryName(MethodDeclaration method) {
        var names = new ArrayList<String>();
        Node n = method.getParentNode().orElse(null);
        String pkg = "";
        while (n != null) {
            if (n instanceof TypeDeclaration<?> type) {
                names.addFirst(type.getNameAsString());
            }
            if (n instanceof com.github.javaparser.ast.CompilationUnit unit) {
                pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
            }
            n = n.getParentNode().orElse(null);
        }
        return pkg + String.join("$", names);
    }
}
