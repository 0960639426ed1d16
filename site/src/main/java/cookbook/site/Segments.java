package cookbook.site;

import java.util.ArrayList;
import java.util.List;

/**
 * A source file cut into rows, the Go by Example way: each row is the prose of the comments
 * that open it and the code that follows them, up to the next such comment. Every line of the
 * file belongs to exactly one row, in order: the header row holds the package and imports,
 * and each other row's lines run from its first comment to the line before the next row.
 */
final class Segments {
    /** Lines {@code first..last} (1-based, inclusive); {@code prose} is Markdown, one entry per comment. */
    record Segment(int first, int last, List<String> prose) {
    }

    private Segments() {
    }

    /** The rows after the header ({@link JavaSource#headerEnd()}); a file with no lines has none. */
    static List<Segment> of(JavaSource source) {
        var raw = new ArrayList<int[]>();
        int start = source.headerEnd() + 1;
        boolean codeSeen = false;
        for (int n = start; n <= source.lineCount(); n++) {
            boolean prose = source.kind(n) == JavaSource.Kind.PROSE;
            if (raw.isEmpty() || (prose && codeSeen)) {
                raw.add(new int[] {n, n});
                codeSeen = false;
            }
            raw.getLast()[1] = n;
            codeSeen |= !prose;
        }
        var segments = new ArrayList<Segment>();
        List<String> pendingProse = new ArrayList<>();
        int pendingFirst = -1;
        for (int i = 0; i < raw.size(); i++) {
            int first = pendingFirst < 0 ? raw.get(i)[0] : pendingFirst;
            int last = raw.get(i)[1];
            var prose = new ArrayList<>(pendingProse);
            prose.addAll(proseOf(source, raw.get(i)[0], last));
            // A row whose code column would show nothing (blank lines, a marker) joins the next row.
            if (i + 1 < raw.size() && !showsCode(source, raw.get(i)[0], last)) {
                pendingProse = prose;
                pendingFirst = first;
                continue;
            }
            segments.add(new Segment(first, last, List.copyOf(prose)));
            pendingProse = new ArrayList<>();
            pendingFirst = -1;
        }
        return segments;
    }

    private static List<String> proseOf(JavaSource source, int first, int last) {
        return source.comments.stream()
                .filter(c -> c.firstLine() >= first && c.firstLine() <= last)
                .map(JavaSource.CommentBlock::markdown)
                .toList();
    }

    private static boolean showsCode(JavaSource source, int first, int last) {
        for (int n = first; n <= last; n++) {
            if (source.kind(n) == JavaSource.Kind.CODE && !source.line(n).isBlank()) {
                return true;
            }
        }
        return false;
    }
}
