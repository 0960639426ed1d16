package cookbook.distributed;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.distributed.MemberDeathSurvival.Backups;
import cookbook.distributed.MemberDeathSurvival.Cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberDeathSurvivalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    @DisplayName("DIST-06: with backup-count 1, every map entry and queue item survives the hard stop of the member that owned them")
    void oneBackupLosesNothing() {
        try (var cluster = Cluster.start(3, MemberDeathSurvival.withBackups(Backups.ONE_BACKUP))) {
            var outcome = MemberDeathSurvival.run(cluster.members(), 100, 10, TIMEOUT);

            assertTrue(outcome.entriesOwnedByTheDead() > 0, "the dead member owned some entries");
            assertEquals(100, outcome.entriesLeft());
            assertEquals(10, outcome.itemsLeft());
        }
    }

    @Test
    @DisplayName("DIST-06: with backup-count 0 (broken), exactly what the dead member owned is gone: its entries and the whole queue")
    void noBackupLosesWhatTheDeadOwned() {
        try (var cluster = Cluster.start(3, MemberDeathSurvival.withBackups(Backups.BROKEN_NO_BACKUP))) {
            var outcome = MemberDeathSurvival.run(cluster.members(), 100, 10, TIMEOUT);

            assertTrue(outcome.entriesOwnedByTheDead() > 0, "the dead member owned some entries");
            assertEquals(100 - outcome.entriesOwnedByTheDead(), outcome.entriesLeft());
            assertEquals(0, outcome.itemsLeft());
        }
    }
}
