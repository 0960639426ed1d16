package cookbook.distributed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recipe of this chapter starts its members with the same nested {@code Cluster} record, so
 * that each file can be copied alone. This test keeps the seven copies identical: a fix made in
 * one copy must be made in all.
 */
class ClusterCopiesTest {
    private static final List<String> RECIPES = List.of("QueueAcrossMembers", "SharedMapCounter", "CrossMemberLock",
            "DistributedExecutor", "ClusterSingleton", "MemberDeathSurvival", "ChildJvmCluster");

    @Test
    @DisplayName("the seven copies of the nested Cluster record (DIST-01 to DIST-07) are the same text")
    void everyCopyOfTheClusterIsTheSame() throws IOException {
        String first = cluster(RECIPES.getFirst());
        for (String recipe : RECIPES) {
            assertEquals(first, cluster(recipe), recipe + "'s Cluster differs from " + RECIPES.getFirst() + "'s");
        }
    }

    /** From the record's declaration to its closing brace, as text. */
    private static String cluster(String recipe) throws IOException {
        String source = Files.readString(Path.of("src/main/java/cookbook/distributed", recipe + ".java"));
        int start = source.indexOf("record Cluster(");
        int end = source.indexOf("\n    }\n", start);
        assertTrue(start >= 0 && end > start, recipe + " has no nested Cluster record");
        return source.substring(start, end);
    }
}
