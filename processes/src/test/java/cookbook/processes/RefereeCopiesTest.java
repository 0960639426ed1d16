package cookbook.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four recipes force a race between child JVMs with the same nested {@code Referee} and
 * {@code Refereed} classes. Each recipe stays complete in its one file, so that a reader can copy
 * it alone; the price is four copies, and this test keeps them identical: a fix made in one copy
 * must be made in all.
 */
class RefereeCopiesTest {
    private static final List<String> RECIPES_WITH_A_REFEREE =
            List.of("SharedMemoryCounter", "TicketCounterFile", "FileLockedOutputBlocks", "SingletonScopes");

    @Test
    @DisplayName("the four copies of the cross-JVM referee (PROC-11, PROC-13, PROC-14, PROC-19) are the same text")
    void everyCopyOfTheRefereeIsTheSame() throws IOException {
        String first = referee(RECIPES_WITH_A_REFEREE.getFirst());
        for (String recipe : RECIPES_WITH_A_REFEREE) {
            assertEquals(first, referee(recipe),
                    recipe + "'s Referee and Refereed differ from " + RECIPES_WITH_A_REFEREE.getFirst() + "'s");
        }
    }

    /** From the nested Referee class to the recipe's main method: both helper classes, as text. */
    private static String referee(String recipe) throws IOException {
        String source = Files.readString(Path.of("src/main/java/cookbook/processes", recipe + ".java"));
        int start = source.indexOf("    static final class Referee ");
        int end = source.indexOf("    public static void main(", start);
        assertTrue(start >= 0 && end > start, recipe + " has no Referee followed by main");
        // The Javadoc above Referee is part of the copy too.
        int javadoc = source.lastIndexOf("    /**", start);
        return source.substring(javadoc, end);
    }
}
