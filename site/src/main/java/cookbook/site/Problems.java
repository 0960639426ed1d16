package cookbook.site;

import java.util.ArrayList;
import java.util.List;

/**
 * What the generator found wrong in the sources while writing the site. Nothing here stops
 * the site from being written: a broken link is written as marked plain text, a recipe without
 * an idiom region says so on its page. Warnings by default; errors with {@code -Dsite.strict=true}.
 */
final class Problems {
    enum Kind {
        /** A recipe has no {@code // tag::idiom[]} region yet. */
        NO_IDIOM,
        /** A region is unbalanced, empty or longer than the house limit. */
        BAD_IDIOM,
        /** A link in a README or note points at nothing. */
        BROKEN_LINK,
        /** A recipe has no section in its module README, or no row in its table. */
        MISSING_NOTE,
        /** A source file JavaParser cannot parse: shown as plain text. */
        UNPARSABLE,
        /** An import the dependency list does not know (neither JDK, Guava nor SLF4J). */
        UNKNOWN_IMPORT,
        /** A recorded sample output the checker cannot read (a bad pattern, an unclosed block). */
        BAD_SAMPLE
    }

    record Problem(Kind kind, String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    private final List<Problem> all = new ArrayList<>();

    synchronized void add(Kind kind, String where, String what) {
        all.add(new Problem(kind, where, what));
    }

    synchronized List<Problem> all() {
        return List.copyOf(all);
    }

    synchronized List<Problem> of(Kind kind) {
        return all.stream().filter(p -> p.kind() == kind).toList();
    }
}
