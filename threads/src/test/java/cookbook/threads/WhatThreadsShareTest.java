package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.testsupport.ThreadStateProbe;
import cookbook.threads.WhatThreadsShare.Seen;
import cookbook.threads.WhatThreadsShare.SharingThread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhatThreadsShareTest {
    private static final Duration NAP = Duration.ofMillis(5);

    @Test
    @DisplayName("THR-06: after both joins the static gnum is 301, each thread's own num is 101 and 201, and the shared list holds both appends")
    void staticInstanceAndSharedList() throws InterruptedException {
        var outcome = WhatThreadsShare.run(NAP);

        assertEquals(301, outcome.gnum());
        assertEquals(101, outcome.firstNum());
        assertEquals(201, outcome.secondNum());
        assertEquals(List.of(0, 1, 2, 3, 4, 100, 200), outcome.sharedList());
        assertTrue(outcome.sameListObject(), "both threads must hold the very list the caller made");
    }

    @Test
    @DisplayName("THR-06: each thread sees the static and the list as changed so far, but only its own num")
    void whatEachThreadSaw() throws InterruptedException {
        var outcome = WhatThreadsShare.run(NAP);

        assertEquals(List.of(
                new Seen("thread-1", 101, 101, List.of(0, 1, 2, 3, 4, 100)),
                new Seen("thread-2", 301, 201, List.of(0, 1, 2, 3, 4, 100, 200))), outcome.seen());
    }

    @Test
    @DisplayName("THR-06: the latch, not the nap, orders the updates: thread-2 started first still waits for thread-1")
    void latchOrdersTheUpdates() throws InterruptedException {
        WhatThreadsShare.gnum = 1;
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>(List.of(0, 1, 2, 3, 4)));
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        var first = new SharingThread("thread-1", 100, numbers, Duration.ZERO, new CountDownLatch(0), seen);
        var second = new SharingThread("thread-2", 200, numbers, Duration.ZERO, first.done, seen);

        // No naps, and thread-2 goes first: it parks on its turn before thread-1 even exists.
        second.start();
        ThreadStateProbe.awaitWaiting(second);
        first.start();
        first.join();
        second.join();

        assertEquals(List.of(
                new Seen("thread-1", 101, 101, List.of(0, 1, 2, 3, 4, 100)),
                new Seen("thread-2", 301, 201, List.of(0, 1, 2, 3, 4, 100, 200))), seen);
    }

    @Test
    @DisplayName("THR-06: an interrupted thread still hands over its turn, and keeps its interrupt flag")
    void interruptedThreadHandsOver() throws InterruptedException {
        var waiting = new SharingThread("thread-2", 200, new ArrayList<>(), Duration.ZERO, new CountDownLatch(1), new ArrayList<>());

        waiting.start();
        ThreadStateProbe.awaitWaiting(waiting);
        waiting.interrupt();
        waiting.join();

        assertEquals(0, waiting.done.getCount(), "the next thread is not left waiting for ever");
        assertTrue(waiting.isInterrupted(), "run() restores the flag instead of swallowing it");
    }
}
