package cookbook.threads;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.threads.WhatThreadsShare.Seen;

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
}
