package cookbook.async;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.Kettle.Quadrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KettleTest {
    private static final Duration BOIL = Duration.ofMillis(150);
    private static final Duration EPISODE = Duration.ofMillis(20);

    private static void assertBoiled(Quadrant q) {
        assertEquals(1, q.teasPoured(), q.toString());
        assertTrue(q.elapsed().compareTo(BOIL) >= 0, q.toString());
    }

    @Test
    @DisplayName("ASYNC-13: sync, blocking: Future.get() waits, no TV, no polling, tea poured by the caller")
    void syncBlocking() throws Exception {
        var q = Kettle.syncBlocking(BOIL, EPISODE);

        assertBoiled(q);
        assertEquals(0, q.episodesWatched());
        assertEquals(0, q.polls());
        assertEquals(Thread.currentThread().getName(), q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: sync, non-blocking: polling isDone() between episodes, at least one of each")
    void syncNonBlocking() throws Exception {
        var q = Kettle.syncNonBlocking(BOIL, EPISODE);

        assertBoiled(q);
        assertTrue(q.episodesWatched() >= 1, q.toString());
        assertEquals(q.episodesWatched(), q.polls(), "one look at the kettle after every episode");
        assertEquals(Thread.currentThread().getName(), q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: async, blocking: join() right after boil() wastes the whistle, no TV")
    void asyncBlocking() {
        var q = Kettle.asyncBlocking(BOIL, EPISODE);

        assertBoiled(q);
        assertEquals(0, q.episodesWatched());
        assertEquals(0, q.polls());
    }

    @Test
    @DisplayName("ASYNC-13: async, non-blocking: TV without polling, the callback pours the tea once on the stove thread")
    void asyncNonBlocking() throws Exception {
        var q = Kettle.asyncNonBlocking(BOIL, EPISODE);

        assertBoiled(q);
        assertTrue(q.episodesWatched() >= 1, q.toString());
        assertEquals(0, q.polls());
        assertEquals("stove", q.pouredOn());
    }
}
