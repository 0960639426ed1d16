package cookbook.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The lines a reader came for: between {@code // tag::idiom[]} and {@code // end::idiom[]}
 * (Asciidoctor's convention), at most {@value #MAX_LINES} lines each. The marker lines are
 * not part of a region; other tags' markers inside one are left out of what is copied.
 */
final class IdiomRegions {
    static final String TAG = "idiom";
    static final int MAX_LINES = 40;

    /** Lines {@code start} and {@code end} are the markers; the idiom lies strictly between. */
    record Region(int start, int end) {
        boolean contains(int line) {
            return line > start && line < end;
        }

        int size() {
            return end - start - 1;
        }
    }

    final List<Region> regions;
    /** What is wrong with the markers, in words; empty when the regions are well formed. */
    final List<String> errors;

    private IdiomRegions(List<Region> regions, List<String> errors) {
        this.regions = regions;
        this.errors = errors;
    }

    static IdiomRegions of(JavaSource source) {
        var regions = new ArrayList<Region>();
        var errors = new ArrayList<String>();
        int open = 0;
        for (int n = 1; n <= source.lineCount(); n++) {
            if (source.kind(n) != JavaSource.Kind.MARKER) {
                continue;
            }
            Matcher m = JavaSource.MARKER.matcher(source.line(n).strip());
            if (!m.matches() || !m.group(2).equals(TAG)) {
                continue;
            }
            if (m.group(1).equals("tag")) {
                if (open != 0) {
                    errors.add("line " + n + ": tag::idiom[] inside the region opened on line " + open);
                }
                open = n;
            } else if (open == 0) {
                errors.add("line " + n + ": end::idiom[] without a tag::idiom[] before it");
            } else {
                var region = new Region(open, n);
                if (region.size() == 0) {
                    errors.add("line " + open + ": the idiom region is empty");
                } else if (region.size() > MAX_LINES) {
                    errors.add("line " + open + ": the idiom region has " + region.size()
                            + " lines; the house limit is " + MAX_LINES);
                }
                regions.add(region);
                open = 0;
            }
        }
        if (open != 0) {
            errors.add("line " + open + ": tag::idiom[] is never closed by end::idiom[]");
        }
        return new IdiomRegions(List.copyOf(regions), List.copyOf(errors));
    }

    boolean isEmpty() {
        return regions.isEmpty();
    }

    boolean contains(int line) {
        return regions.stream().anyMatch(r -> r.contains(line));
    }

    /**
     * What "Copy idiom" copies: each region's lines without marker lines, the common
     * indentation removed, regions separated by a blank line.
     */
    String text(JavaSource source) {
        var out = new ArrayList<String>();
        for (Region region : regions) {
            if (!out.isEmpty()) {
                out.add("");
            }
            var lines = new ArrayList<String>();
            for (int n = region.start() + 1; n < region.end(); n++) {
                if (source.kind(n) != JavaSource.Kind.MARKER) {
                    lines.add(source.line(n));
                }
            }
            out.addAll(dedent(lines));
        }
        return String.join("\n", out) + "\n";
    }

    static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
