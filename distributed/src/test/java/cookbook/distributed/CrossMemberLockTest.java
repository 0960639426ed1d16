package cookbook.distributed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.hazelcast.map.IMap;

import cookbook.distributed.CrossMemberLock.Cluster;
import cookbook.testsupport.BlockingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossMemberLockTest {
    /** Longer than the tests' 30 s timeout: a lock these tests get back was not freed by its lease. */
    private static final Duration LONG_LEASE = Duration.ofSeconds(60);
    private Cluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = Cluster.start(3, UnaryOperator.identity());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private IMap<String, Integer> map(int member) {
        return cluster.member(member).getMap(CrossMemberLock.MAP);
    }

    /** A holder that stops, lock held, between its read and its write until {@link #wake()}. */
    private static final class Pause implements IntConsumer {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch wake = new CountDownLatch(1);

        @Override
        public void accept(int ticket) {
            paused.countDown();
            try {
                wake.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the paused holder was interrupted", e);
            }
        }

        void awaitPaused() throws InterruptedException {
            paused.await();
        }

        void wake() {
            wake.countDown();
        }
    }

    @Test
    @DisplayName("DIST-03: while a member holds the key's lock, another member's take waits; then it gets the next ticket")
    void lockExcludesOtherMembers() throws Exception {
        var pause = new Pause();
        var holderTicket = new AtomicInteger();
        var takerTicket = new AtomicInteger();
        try (var holder = BlockingThread.start("holder", () -> holderTicket.set(CrossMemberLock.take(map(1), LONG_LEASE, pause)))) {
            pause.awaitPaused();
            try (var taker = BlockingThread.start("taker", () -> takerTicket.set(CrossMemberLock.take(map(2), LONG_LEASE)))) {
                taker.awaitParked();
                assertFalse(taker.hasEnded(), "the other member waits for the lock");

                pause.wake();
                assertNull(holder.awaitEnd());
                assertNull(taker.awaitEnd());
            }
        }
        assertEquals(List.of(1, 2), List.of(holderTicket.get(), takerTicket.get()));
        assertFalse(map(0).isLocked(CrossMemberLock.KEY), "unlocked in finally");
    }

    @Test
    @DisplayName("DIST-03: a lock held by a member that dies is released: another member takes it long before the lease ends")
    void deadHoldersLockIsReleased() throws Exception {
        var pause = new Pause();
        try (var holder = BlockingThread.start("holder", () -> CrossMemberLock.take(map(2), LONG_LEASE, pause))) {
            pause.awaitPaused();
            assertTrue(map(0).isLocked(CrossMemberLock.KEY));

            cluster.member(2).getLifecycleService().terminate();
            long start = System.nanoTime();
            int ticket = CrossMemberLock.take(map(0), LONG_LEASE);

            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(LONG_LEASE) < 0, "freed by the death");
            assertEquals(1, ticket, "the dead holder's ticket was read, never written");
            assertFalse(holder.hasEnded(), "the holder's thread is still paused: only its member is gone");
        }
    }

    @Test
    @DisplayName("DIST-03: not fenced: a holder paused past its lease writes after another member took the lock: the counter goes back, ticket 2 is issued twice")
    void pausedHolderWritesAfterItsLease() throws Exception {
        var stale = CrossMemberLock.pausedPastLease(map(1), map(0), Duration.ofMillis(300));

        assertEquals(List.of(1, 2), stale.otherTickets(), "the other member took the lock after the lease");
        assertEquals(1, stale.holderTicket());
        assertEquals(1, stale.counterAfter(), "the paused holder's stale write landed over the other's 2");
        assertInstanceOf(IllegalMonitorStateException.class, stale.holderFailure(), "only its unlock complains");
        assertEquals(2, CrossMemberLock.take(map(2), LONG_LEASE), "a ticket already issued, issued again");
    }

    @Test
    @DisplayName("DIST-03: the fenced lock is Enterprise-only: on Community Edition getCPSubsystem().getLock(..) throws UnsupportedOperationException")
    void fencedLockNeedsEnterprise() {
        var e = assertThrows(UnsupportedOperationException.class,
                () -> cluster.member(0).getCPSubsystem().getLock(CrossMemberLock.MAP));

        assertTrue(e.getMessage().startsWith("CP subsystem is a licensed feature"), e.getMessage());
    }
}
