package cookbook.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;

import static com.github.javaparser.GeneratedJavaParserConstants.AT;
import static com.github.javaparser.GeneratedJavaParserConstants.CHARACTER_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.SINGLE_LINE_COMMENT;
import static com.github.javaparser.GeneratedJavaParserConstants.STRING_LITERAL;
import static com.github.javaparser.GeneratedJavaParserConstants.TEXT_BLOCK_LITERAL;

/**
 * A Java file read with JavaParser: its lines exactly as written, each line highlighted from
 * the parser's tokens, and each line's role on a side-by-side page. A comment that has a line
 * to itself is prose (it moves to the left column); a {@code // tag::x[]} or
 * {@code // end::x[]} comment is a region marker; the package and imports are the header.
 */
final class JavaSource {
    enum Kind { HEADER, CODE, PROSE, MARKER }

    /** A comment that has its lines to itself, with its Markdown; adjacent line comments are one block. */
    record CommentBlock(int firstLine, int lastLine, String markdown) {
    }

    static final Pattern MARKER = Pattern.compile("//\\s*(tag|end)::([\\w.-]+)\\[[^\\]]*\\]\\s*");

    /** Comments are read from the tokens, so JavaParser need not attach them to nodes (slow on big files). */
    private static final ParserConfiguration CONFIG = new ParserConfiguration()
            .setLanguageLevel(LanguageLevel.JAVA_25)
            .setAttributeComments(false);
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    final String path;
    final List<String> lines;
    /** Per line (index 0 is line 1): its highlighted HTML, and its role. */
    final List<String> html;
    final Kind[] kinds;
    final List<CommentBlock> comments;
    final Optional<CompilationUnit> unit;

    private JavaSource(String path, List<String> lines, List<String> html, Kind[] kinds,
                       List<CommentBlock> comments, Optional<CompilationUnit> unit) {
        this.path = path;
        this.lines = lines;
        this.html = html;
        this.kinds = kinds;
        this.comments = comments;
        this.unit = unit;
    }

    /** Parses {@code text}; a file JavaParser cannot read is all code, plain, and a problem. */
    static JavaSource parse(String path, String text, Problems problems) {
        List<String> lines = text.lines().toList();
        ParseResult<CompilationUnit> result = new JavaParser(CONFIG).parse(text);
        if (!result.isSuccessful() || result.getResult().flatMap(Node::getTokenRange).isEmpty()) {
            problems.add(Problems.Kind.UNPARSABLE, path, "JavaParser cannot read it: "
                    + result.getProblems().stream().findFirst().map(Object::toString).orElse("no tokens"));
            var kinds = new Kind[lines.size()];
            Arrays.fill(kinds, Kind.CODE);
            return new JavaSource(path, lines, lines.stream().map(Html::escape).toList(), kinds, List.of(),
                    Optional.empty());
        }
        CompilationUnit unit = result.getResult().orElseThrow();
        var tokens = new ArrayList<JavaToken>();
        unit.getTokenRange().orElseThrow().forEach(tokens::add);
        Kind[] kinds = kinds(unit, tokens, lines);
        return new JavaSource(path, lines, highlight(tokens, lines), kinds, commentBlocks(tokens, kinds),
                Optional.of(unit));
    }

    int lineCount() {
        return lines.size();
    }

    /** Line {@code n} (1-based) as written. */
    String line(int n) {
        return lines.get(n - 1);
    }

    Kind kind(int n) {
        return kinds[n - 1];
    }

    /** The last line of the package-and-imports header, with the blank lines after it; 0 if none. */
    int headerEnd() {
        int end = 0;
        while (end < kinds.length && kinds[end] == Kind.HEADER) {
            end++;
        }
        return end;
    }

    private static Kind[] kinds(CompilationUnit unit, List<JavaToken> tokens, List<String> lines) {
        int n = lines.size();
        var kinds = new Kind[n];
        Arrays.fill(kinds, Kind.CODE);
        boolean[] hasCode = new boolean[n + 2];
        for (JavaToken t : tokens) {
            if (!t.getCategory().isWhitespaceOrComment() && t.hasRange()) {
                for (int line = begin(t); line <= end(t); line++) {
                    hasCode[line] = true;
                }
            }
        }
        for (JavaToken t : tokens) {
            if (t.getCategory().isComment() && !hasCode[begin(t)] && !hasCode[end(t)]) {
                boolean marker = t.getKind() == SINGLE_LINE_COMMENT && MARKER.matcher(t.getText().strip()).matches();
                for (int line = begin(t); line <= end(t); line++) {
                    kinds[line - 1] = marker ? Kind.MARKER : Kind.PROSE;
                }
            }
        }
        int header = unit.getImports().isEmpty()
                ? unit.getPackageDeclaration().flatMap(Node::getEnd).map(p -> p.line).orElse(0)
                : unit.getImports().getLast().flatMap(Node::getEnd).map(p -> p.line).orElse(0);
        while (header < n && lines.get(header).isBlank()) {
            header++;
        }
        for (int i = 0; i < header; i++) {
            kinds[i] = Kind.HEADER;
        }
        return kinds;
    }

    private static List<CommentBlock> commentBlocks(List<JavaToken> tokens, Kind[] kinds) {
        var blocks = new ArrayList<CommentBlock>();
        boolean lastIsLineComment = false;
        for (JavaToken t : tokens) {
            if (!t.getCategory().isComment() || kinds[begin(t) - 1] != Kind.PROSE) {
                continue;
            }
            String markdown = CommentProse.markdown(t.getText().strip());
            boolean lineComment = t.getKind() == SINGLE_LINE_COMMENT;
            CommentBlock last = blocks.isEmpty() ? null : blocks.getLast();
            // Line comments on consecutive lines are one paragraph of prose.
            if (lineComment && lastIsLineComment && last.lastLine() == begin(t) - 1) {
                blocks.set(blocks.size() - 1,
                        new CommentBlock(last.firstLine(), end(t), last.markdown() + "\n" + markdown));
            } else {
                blocks.add(new CommentBlock(begin(t), end(t), markdown));
            }
            lastIsLineComment = lineComment;
        }
        return blocks;
    }

    /** Each line's HTML: keywords, literals, comments, annotations and type names get a class. */
    private static List<String> highlight(List<JavaToken> tokens, List<String> lines) {
        var html = new ArrayList<String>();
        var line = new StringBuilder();
        var plain = new StringBuilder();
        boolean annotation = false;
        for (JavaToken t : tokens) {
            String css = cssClass(t, annotation);
            annotation = t.getKind() == AT || (annotation && t.getCategory().isWhitespaceOrComment());
            String text = t.getText();
            String[] parts = text.indexOf('\n') < 0 && text.indexOf('\r') < 0
                    ? new String[] {text} : LINE_BREAK.split(text, -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    html.add(verified(line, plain, lines, html.size()));
                    line.setLength(0);
                    plain.setLength(0);
                }
                if (!parts[i].isEmpty()) {
                    plain.append(parts[i]);
                    line.append(css == null ? Html.escape(parts[i])
                            : "<span class=\"" + css + "\">" + Html.escape(parts[i]) + "</span>");
                }
            }
        }
        if (html.size() < lines.size()) {
            html.add(verified(line, plain, lines, html.size()));
        }
        return html;
    }

    /** The highlighted line, or the escaped source line should the tokens ever disagree with it. */
    private static String verified(StringBuilder line, StringBuilder plain, List<String> lines, int index) {
        if (index >= lines.size()) {
            return "";
        }
        return plain.toString().equals(lines.get(index)) ? line.toString() : Html.escape(lines.get(index));
    }

    private static String cssClass(JavaToken t, boolean afterAt) {
        JavaToken.Category category = t.getCategory();
        if (category.isComment()) {
            return "tc";
        }
        if (category.isKeyword()) {
            return "tk";
        }
        if (category.isLiteral()) {
            int kind = t.getKind();
            return kind == STRING_LITERAL || kind == TEXT_BLOCK_LITERAL || kind == CHARACTER_LITERAL ? "ts" : "tn";
        }
        if (t.getKind() == AT || (afterAt && category.isIdentifier())) {
            return "ta";
        }
        if (category.isIdentifier() && Character.isUpperCase(t.getText().charAt(0))) {
            return "tt";
        }
        return null;
    }

    private static int begin(JavaToken t) {
        return t.getRange().orElseThrow().begin.line;
    }

    private static int end(JavaToken t) {
        return t.getRange().orElseThrow().end.line;
    }
}
