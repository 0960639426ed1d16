package cookbook.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recorded sample output ({@code <module>/src/test/resources/sample-output/<ID>.txt}): what
 * {@code ./cookbook run ID} prints, with the parts that vary from run to run written as patterns.
 * The site shows it under the code; {@code ./cookbook check-samples} compares a fresh run with it
 * and {@code ./cookbook sample} refreshes it. The syntax (also in site/README.md):
 *
 * <ul>
 *   <li>Text stands for itself, except that a run of spaces matches any run of one or more
 *       spaces (log lines pad thread names to a column) and trailing spaces are ignored.</li>
 *   <li>{@code {{name}}} is a named pattern from {@link #NAMED} ({@code {{time}}}, {@code {{ms}}},
 *       {@code {{n}}}, {@code {{pid}}}, {@code {{port}}}...); {@code {{label:regex}}} is any Java
 *       regex, shown on the site as {@code ‹label›}. A token ends at the first run of two or more
 *       closing braces, whose last two close it (so {@code {{n:\d{2}}}} works).</li>
 *   <li>A line that starts with {@code {{optional}}} may be absent; one that starts with
 *       {@code {{repeated}}} stands for one or more consecutive lines like it (both: zero or more).</li>
 *   <li>The lines between a line {@code {{unordered}}} and a line {@code {{end}}} come in any order
 *       (threads interleaving); they may be optional or repeated too.</li>
 * </ul>
 */
public final class SampleOutput {
    /** The named patterns: name, then regex. */
    public static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("time", "\\d{2}:\\d{2}:\\d{2}\\.\\d{3}"),
            Map.entry("ms", "\\d+"),
            Map.entry("duration", "\\d+(?:\\.\\d+)? (?:ns|µs|us|ms|s|min)"),
            Map.entry("n", "-?\\d+(?:,\\d{3})*"),
            Map.entry("num", "-?\\d+(?:,\\d{3})*(?:\\.\\d+)?"),
            Map.entry("pid", "\\d+"),
            Map.entry("port", "\\d{1,5}"),
            Map.entry("path", "\\S+"),
            Map.entry("uuid", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            Map.entry("hex", "(?:0x)?[0-9a-fA-F]+"),
            Map.entry("bool", "true|false"),
            Map.entry("list", "\\[[^\\]]*\\]"),
            Map.entry("word", "\\S+"),
            Map.entry("any", ".*"));

    static final String UNORDERED = "{{unordered}}";
    static final String END = "{{end}}";
    static final String OPTIONAL = "{{optional}}";
    static final String REPEATED = "{{repeated}}";

    private static final Pattern LEADING_TIME = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(?= )");

    /** One line of the recording: its pattern, how many output lines it stands for, where it is. */
    record Line(int number, String source, String text, Pattern pattern, boolean optional, boolean repeated) {
        boolean matches(String output) {
            return pattern.matcher(stripTrailing(output)).matches();
        }

        int min() {
            return optional ? 0 : 1;
        }
    }

    /** A single line, or a block of lines in any order. */
    record Element(Line line, List<Line> unordered, int firstLine, int lastLine) {
        boolean isBlock() {
            return unordered != null;
        }

        /** The recording as written, for the refresher. */
        List<String> source() {
            if (!isBlock()) {
                return List.of(line.source);
            }
            var out = new ArrayList<String>();
            out.add(UNORDERED);
            unordered.forEach(l -> out.add(l.source));
            out.add(END);
            return out;
        }
    }

    /** A token of a line: literal text, or a pattern with its label. */
    record Token(String text, String label, String regex) {
        boolean literal() {
            return regex == null;
        }
    }

    private final List<Element> elements;

    private SampleOutput(List<Element> elements) {
        this.elements = elements;
    }

    /** Parses a recording; a malformed one (bad regex, unknown name, unclosed block) throws IllegalArgumentException. */
    public static SampleOutput parse(String recording) {
        var elements = new ArrayList<Element>();
        List<String> lines = lines(recording);
        List<Line> block = null;
        int blockStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = stripTrailing(lines.get(i));
            int number = i + 1;
            if (raw.equals(UNORDERED)) {
                if (block != null) {
                    throw new IllegalArgumentException("line " + number + ": {{unordered}} inside an unordered block");
                }
                block = new ArrayList<>();
                blockStart = number;
            } else if (raw.equals(END)) {
                if (block == null) {
                    throw new IllegalArgumentException("line " + number + ": {{end}} without {{unordered}}");
                }
                if (block.isEmpty()) {
                    throw new IllegalArgumentException("line " + number + ": empty unordered block");
                }
                elements.add(new Element(null, List.copyOf(block), blockStart, number));
                block = null;
            } else {
                Line line = line(number, raw);
                if (block != null) {
                    block.add(line);
                } else {
                    elements.add(new Element(line, null, number, number));
                }
            }
        }
        if (block != null) {
            throw new IllegalArgumentException("line " + blockStart + ": {{unordered}} never closed by {{end}}");
        }
        return new SampleOutput(List.copyOf(elements));
    }

    private static Line line(int number, String source) {
        String text = source;
        boolean optional = false;
        boolean repeated = false;
        while (text.startsWith(OPTIONAL) || text.startsWith(REPEATED)) {
            if (text.startsWith(OPTIONAL)) {
                optional = true;
                text = text.substring(OPTIONAL.length());
            } else {
                repeated = true;
                text = text.substring(REPEATED.length());
            }
        }
        var regex = new StringBuilder();
        for (Token token : tokens(number, text)) {
            regex.append(token.literal() ? literalRegex(token.text) : "(?:" + token.regex + ")");
        }
        try {
            return new Line(number, source, text, Pattern.compile(regex.toString()), optional, repeated);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("line " + number + ": bad pattern: " + e.getDescription(), e);
        }
    }

    /** Splits a line's text into literal text and {{...}} tokens. */
    static List<Token> tokens(int number, String text) {
        var out = new ArrayList<Token>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                out.add(new Token(text.substring(at), null, null));
                break;
            }
            if (open > at) {
                out.add(new Token(text.substring(at, open), null, null));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("line " + number + ": '{{' without a closing '}}'");
            }
            int runEnd = close;
            while (runEnd < text.length() && text.charAt(runEnd) == '}') {
                runEnd++;
            }
            String body = text.substring(open + 2, runEnd - 2);
            int colon = body.indexOf(':');
            if (colon >= 0) {
                out.add(new Token(null, body.substring(0, colon), body.substring(colon + 1)));
            } else if (NAMED.containsKey(body)) {
                out.add(new Token(null, body, NAMED.get(body)));
            } else {
                throw new IllegalArgumentException("line " + number + ": unknown pattern {{" + body
                        + "}}; named ones are " + NAMED.keySet().stream().sorted().toList()
                        + ", or write {{label:regex}}");
            }
            at = runEnd;
        }
        return out;
    }

    private static String literalRegex(String text) {
        var out = new StringBuilder();
        Matcher spaces = Pattern.compile(" +").matcher(text);
        int at = 0;
        while (spaces.find()) {
            if (spaces.start() > at) {
                out.append(Pattern.quote(text.substring(at, spaces.start())));
            }
            out.append(" +");
            at = spaces.end();
        }
        if (at < text.length()) {
            out.append(Pattern.quote(text.substring(at)));
        }
        return out.toString();
    }

    /** What a comparison found: a match, or the first place where the output leaves the recording. */
    public record Verdict(boolean matches, String mismatch) {
        static final Verdict OK = new Verdict(true, "");
    }

    /** Compares an output (as printed, one string) with this recording. */
    public Verdict check(String output) {
        return check(lines(output));
    }

    Verdict check(List<String> output) {
        int n = output.size();
        int e = elements.size();
        // reached[i][p]: the first i elements can account for the first p output lines.
        boolean[][] reached = new boolean[e + 1][n + 1];
        reached[0][0] = true;
        int furthest = 0;
        int furthestElement = 0;
        for (int i = 0; i < e; i++) {
            for (int p = 0; p <= n; p++) {
                if (!reached[i][p]) {
                    continue;
                }
                if (p > furthest || p == furthest && i > furthestElement) {
                    furthest = p;
                    furthestElement = i;
                }
                for (int q : ends(elements.get(i), output, p)) {
                    reached[i + 1][q] = true;
                }
            }
        }
        if (reached[e][n]) {
            return Verdict.OK;
        }
        for (int p = 0; p <= n; p++) {
            if (reached[e][p] && p >= furthest) {
                furthest = p;
                furthestElement = e;
            }
        }
        return new Verdict(false, explain(furthestElement, output, furthest));
    }

    /** Every output position at which element {@code el} can end when it starts at {@code from}. */
    private static List<Integer> ends(Element el, List<String> output, int from) {
        var out = new ArrayList<Integer>();
        if (!el.isBlock()) {
            Line line = el.line;
            if (line.optional) {
                out.add(from);
            }
            int p = from;
            while (p < output.size() && line.matches(output.get(p))) {
                p++;
                out.add(p);
                if (!line.repeated) {
                    break;
                }
            }
            return out;
        }
        int min = el.unordered.stream().mapToInt(Line::min).sum();
        int max = el.unordered.stream().anyMatch(Line::repeated) ? output.size() - from
                : Math.min(el.unordered.size(), output.size() - from);
        // A window holding a line that fits no line of the block fails, and so does every longer one.
        for (int k = 0; k < max; k++) {
            String line = output.get(from + k);
            if (el.unordered.stream().noneMatch(l -> l.matches(line))) {
                max = k;
            }
        }
        for (int k = min; k <= max; k++) {
            if (blockMatches(el.unordered, output.subList(from, from + k))) {
                out.add(from + k);
            }
        }
        return out;
    }

    /**
     * Whether the window's lines are the block's lines in some order: every line matched to one of
     * the block's slots (one per line, more for a repeated one) and every required slot filled.
     * In a bipartite graph, a matching covering all window lines and one covering all required
     * slots imply one covering both (Mendelsohn-Dulmage), so two plain matchings decide it.
     */
    static boolean blockMatches(List<Line> block, List<String> window) {
        // Slot and required slot number -> index of its line in the block.
        var slots = new ArrayList<Integer>();
        var required = new ArrayList<Integer>();
        for (int b = 0; b < block.size(); b++) {
            Line line = block.get(b);
            int copies = line.repeated ? Math.max(1, window.size()) : 1;
            for (int c = 0; c < copies; c++) {
                slots.add(b);
            }
            if (!line.optional) {
                required.add(b);
            }
        }
        boolean[][] fits = new boolean[window.size()][block.size()];
        for (int w = 0; w < window.size(); w++) {
            boolean any = false;
            for (int b = 0; b < block.size(); b++) {
                fits[w][b] = block.get(b).matches(window.get(w));
                any |= fits[w][b];
            }
            if (!any) {
                return false;
            }
        }
        return maxMatching(window.size(), slots.size(), (w, s) -> fits[w][slots.get(s)]) == window.size()
                && maxMatching(required.size(), window.size(), (r, w) -> fits[w][required.get(r)]) == required.size();
    }

    private interface Edge {
        boolean test(int left, int right);
    }

    /** Size of a maximum bipartite matching (augmenting paths; the graphs here have a few hundred nodes). */
    private static int maxMatching(int left, int right, Edge edge) {
        int[] owner = new int[right];
        Arrays.fill(owner, -1);
        int size = 0;
        for (int l = 0; l < left; l++) {
            if (augment(l, edge, owner, new boolean[right])) {
                size++;
            }
        }
        return size;
    }

    private static boolean augment(int l, Edge edge, int[] owner, boolean[] seen) {
        for (int r = 0; r < owner.length; r++) {
            if (!seen[r] && edge.test(l, r)) {
                seen[r] = true;
                if (owner[r] < 0 || augment(owner[r], edge, owner, seen)) {
                    owner[r] = l;
                    return true;
                }
            }
        }
        return false;
    }

    private String explain(int element, List<String> output, int at) {
        String got = at < output.size() ? "got \"" + stripTrailing(output.get(at)) + "\"" : "got the end of the output";
        if (element == elements.size()) {
            return "output line " + (at + 1) + ": expected the end of the output, " + got;
        }
        Element el = elements.get(element);
        if (!el.isBlock()) {
            return "output line " + (at + 1) + ": expected \"" + el.line.source + "\" (recording line "
                    + el.line.number + "), " + got;
        }
        for (int p = at; p < Math.min(output.size(), at + el.unordered.size()); p++) {
            String line = output.get(p);
            if (el.unordered.stream().noneMatch(l -> l.matches(line))) {
                return "output line " + (p + 1) + ": expected a line of the unordered block (recording lines "
                        + el.firstLine + "-" + el.lastLine + "), got \"" + stripTrailing(line) + "\"";
            }
        }
        List<String> window = output.subList(at, Math.min(output.size(), at + el.unordered.size()));
        for (Line line : el.unordered) {
            if (!line.optional && window.stream().noneMatch(line::matches)) {
                return "output line " + (at + 1) + ": the unordered block (recording lines " + el.firstLine + "-"
                        + el.lastLine + ") expects \"" + line.source + "\" (recording line " + line.number
                        + "), not found among the next " + window.size() + " lines";
            }
        }
        return "output line " + (at + 1) + ": the next lines are not the unordered block of recording lines "
                + el.firstLine + "-" + el.lastLine + " (a line matched twice, or one too many)";
    }

    /**
     * The recording refreshed from a new output: where the output still matches an element (a
     * line or a block), the element is kept as written, patterns and all; output lines no element
     * accounts for are written as literal text (a leading time of day as {@code {{time}}}), and
     * elements the output no longer has are dropped. A least-edits alignment decides which is which.
     */
    public String refresh(String output) {
        List<String> out = lines(output);
        int n = out.size();
        int e = elements.size();
        // cost[i][p]: fewest edits to account for output lines p.. with elements i..
        int[][] cost = new int[e + 1][n + 1];
        int[][] step = new int[e + 1][n + 1];
        for (int i = e; i >= 0; i--) {
            for (int p = n; p >= 0; p--) {
                if (i == e) {
                    cost[i][p] = n - p;
                    step[i][p] = -1;
                    continue;
                }
                int best = cost[i + 1][p] + 1;
                int how = -2;
                if (p < n && cost[i][p + 1] + 1 < best) {
                    best = cost[i][p + 1] + 1;
                    how = -1;
                }
                for (int q : ends(elements.get(i), out, p)) {
                    if (cost[i + 1][q] < best || cost[i + 1][q] == best && how < 0) {
                        best = cost[i + 1][q];
                        how = q;
                    }
                }
                cost[i][p] = best;
                step[i][p] = how;
            }
        }
        var written = new ArrayList<String>();
        int i = 0;
        int p = 0;
        while (i < e || p < n) {
            int how = step[i][p];
            if (i == e || how == -1) {
                written.add(literal(out.get(p)));
                p++;
            } else if (how == -2) {
                i++;
            } else {
                written.addAll(elements.get(i).source());
                i++;
                p = how;
            }
        }
        return written.isEmpty() ? "" : String.join("\n", written) + "\n";
    }

    /** A fresh output line as recording text: literal, braces escaped, a log line's time as {{time}}. */
    static String literal(String outputLine) {
        String line = stripTrailing(outputLine).replace("{{", "{{brace:\\{\\{}}");
        return LEADING_TIME.matcher(line).replaceFirst("{{time}}");
    }

    /** The recording for a reader: each pattern as ‹label›, blocks and optional lines marked; HTML. */
    public static String html(String recording) {
        var html = new StringBuilder();
        boolean inBlock = false;
        List<String> lines = lines(recording);
        for (int i = 0; i < lines.size(); i++) {
            String raw = stripTrailing(lines.get(i));
            if (raw.equals(UNORDERED)) {
                html.append("<span class=\"any-order\" title=\"these lines come in any order\">");
                inBlock = true;
                continue;
            }
            if (raw.equals(END) && inBlock) {
                html.append("</span>");
                inBlock = false;
                continue;
            }
            String text = raw;
            String mark = null;
            while (text.startsWith(OPTIONAL) || text.startsWith(REPEATED)) {
                boolean optional = text.startsWith(OPTIONAL);
                mark = mark == null ? (optional ? "optional" : "repeated") : "optional repeated";
                text = text.substring(optional ? OPTIONAL.length() : REPEATED.length());
            }
            if (mark != null) {
                html.append("<span class=\"").append(mark).append("\" title=\"")
                        .append(mark.equals("optional") ? "may be absent"
                                : mark.equals("repeated") ? "may repeat" : "may be absent or repeat")
                        .append("\">");
            }
            for (Token token : tokens(i + 1, text)) {
                if (token.literal()) {
                    html.append(Html.escape(token.text));
                } else {
                    html.append("<var title=\"varies: ").append(Html.escape(token.regex)).append("\">‹")
                            .append(Html.escape(token.label)).append("›</var>");
                }
            }
            if (mark != null) {
                html.append("</span>");
            }
            html.append('\n');
        }
        if (inBlock) {
            html.append("</span>");
        }
        return html.toString();
    }

    /** Whether the recording uses any pattern or block (the site then explains the notation). */
    public static boolean hasPatterns(String recording) {
        return recording.contains("{{");
    }

    static List<String> lines(String text) {
        String normal = text.replace("\r\n", "\n");
        if (normal.endsWith("\n")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal.isEmpty() ? List.of() : List.of(normal.split("\n", -1));
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }
}
