package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.Kettle.Quadrant;
import cookbook.async.Kettle.Water;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.ThreadStateProbe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KettleTest {
    private static final Duration BOIL = Duration.ofMillis(150);
    private static final Duration EPISODE = Duration.ofMillis(20);

    /** A quadrant on a real stove. */
    private interface OnAStove {
        Quadrant run() throws Exception;
    }

    /**
     * Runs a quadrant on a real stove, timed by the test's own clock: the tea is poured once,
     * after the water boiled (upper bound wide); Lao Zhang's own clock ran inside the call; and
     * every episode of TV was a whole one.
     */
    private static Quadrant boiledOnAStove(OnAStove quadrant) throws Exception {
        long begin = System.nanoTime();
        Quadrant q = quadrant.run();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertEquals(1, q.teasPoured(), q.toString());
        assertTrue(took.compareTo(BOIL) >= 0, "took " + took.toMillis() + " ms");
        assertTrue(took.compareTo(BOIL.plusSeconds(10)) < 0, "took " + took.toMillis() + " ms");
        assertTrue(q.elapsed().compareTo(took) <= 0, q + " took " + took.toMillis() + " ms");
        // Watching TV is not spinning: the episodes watched fit in the time that passed.
        assertTrue(EPISODE.multipliedBy(q.episodesWatched()).compareTo(q.elapsed()) <= 0, q.toString());
        return q;
    }

    /** A quadrant run against a kettle the test boils by hand. */
    private interface WithKettle {
        Quadrant run(CompletableFuture<Water> kettle) throws Exception;
    }

    /**
     * Runs Lao Zhang on a thread of his own with a kettle that boils only when the test says so:
     * a blocking caller is seen parked on the kettle (WAITING inside the future) until then,
     * and then pours the tea himself, having watched no TV and looked at nothing.
     */
    private static void assertSeenParkedUntilBoiled(WithKettle quadrant) {
        var kettle = new CompletableFuture<Water>();
        var result = new AtomicReference<Quadrant>();
        try (var zhang = BlockingThread.start("lao-zhang", () -> result.set(quadrant.run(kettle)))) {
            zhang.awaitWaiting();
            String stack = ThreadStateProbe.stackOf(zhang.thread());
            assertTrue(stack.contains("CompletableFuture"), "parked on the kettle, not elsewhere:\n" + stack);
            assertFalse(zhang.hasEnded());

            kettle.complete(new Water("test-stove"));
            assertNull(zhang.awaitEnd());
        }
        Quadrant q = result.get();
        assertEquals(1, q.teasPoured(), q.toString());
        assertEquals("lao-zhang", q.pouredOn());
        assertEquals(0, q.episodesWatched());
        assertEquals(0, q.looksAtKettle());
    }

    /**
     * An ordinary kettle the test watches: it boils on its {@code boilsOnLook}-th look, records the
     * answer to every look, and refuses to be waited on, so only non-blocking looks can find it done.
     */
    private static final class WatchedKettle implements Future<Water> {
        private final int boilsOnLook;
        final List<Boolean> answers = new ArrayList<>();

        WatchedKettle(int boilsOnLook) {
            this.boilsOnLook = boilsOnLook;
        }

        @Override
        public boolean isDone() {
            boolean done = answers.size() + 1 >= boilsOnLook;
            answers.add(done);
            return done;
        }

        @Override
        public Water resultNow() {
            if (answers.isEmpty() || !answers.getLast()) {
                throw new IllegalStateException("taken before anyone saw it boil");
            }
            return new Water("test-stove");
        }

        @Override
        public Water get() {
            throw new AssertionError("get() waits: a non-blocking caller only looks");
        }

        @Override
        public Water get(long timeout, TimeUnit unit) {
            throw new AssertionError("get() waits: a non-blocking caller only looks");
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    @Test
    @DisplayName("ASYNC-13: sync, blocking: Future.get() parks the caller until the water boils; no TV, no looks, he pours")
    void syncBlockingParks() {
        assertSeenParkedUntilBoiled(Kettle::syncBlocking);
    }

    @Test
    @DisplayName("ASYNC-13: sync, blocking on a real stove: tea poured once by the caller, after the boiling time")
    void syncBlockingOnAStove() throws Exception {
        var q = boiledOnAStove(() -> Kettle.syncBlocking(BOIL));

        assertEquals(Thread.currentThread().getName(), q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: sync, non-blocking: looks that answer 'not ready' between episodes, then 'ready', and never a wait")
    void syncNonBlockingPolls() throws Exception {
        var kettle = new WatchedKettle(4);

        var q = Kettle.syncNonBlocking(kettle, Duration.ofMillis(1));

        assertEquals(List.of(false, false, false, true), kettle.answers);
        assertEquals(4, q.episodesWatched(), "an episode before every look");
        assertEquals(Thread.currentThread().getName(), q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: sync, non-blocking on a real stove: at least one episode and one look, tea poured by the caller")
    void syncNonBlockingOnAStove() throws Exception {
        var q = boiledOnAStove(() -> Kettle.syncNonBlocking(BOIL, EPISODE));

        assertTrue(q.episodesWatched() >= 1, q.toString());
        assertEquals(q.episodesWatched(), q.looksAtKettle(), "one look at the kettle after every episode");
        assertEquals(Thread.currentThread().getName(), q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: async, blocking: join() right after boil() parks the caller too, wasting the whistle")
    void asyncBlockingParks() {
        assertSeenParkedUntilBoiled(Kettle::asyncBlocking);
    }

    @Test
    @DisplayName("ASYNC-13: async, blocking on a real stove: tea poured once, after the boiling time, no TV")
    void asyncBlockingOnAStove() throws Exception {
        var q = boiledOnAStove(() -> Kettle.asyncBlocking(BOIL));

        assertEquals(0, q.episodesWatched());
    }

    @Test
    @DisplayName("ASYNC-13: async, non-blocking: TV without looking at the kettle, the callback pours the tea once on the stove thread")
    void asyncNonBlocking() throws Exception {
        var q = boiledOnAStove(() -> Kettle.asyncNonBlocking(BOIL, EPISODE));

        assertTrue(q.episodesWatched() >= 1, q.toString());
        assertEquals(0, q.looksAtKettle());
        assertEquals("stove", q.pouredOn());
    }

    @Test
    @DisplayName("ASYNC-13: a whistling kettle given a callback still hands its water to whoever asks the future")
    void whistlingKettleStillHandsBackTheWater() {
        var whistled = new AtomicReference<Water>();
        try (var stove = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stove").factory())) {
            Water water = Kettle.boilWhistling(stove, Duration.ZERO, whistled::set).join();

            assertEquals(new Water("stove"), water);
            assertSame(whistled.get(), water, "the future holds the very water the whistle poured");
        }
    }
}
