package cookbook.async;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.GreenletSwitch.Greenlet;
import cookbook.async.GreenletSwitch.Shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreenletSwitchTest {

    @Test
    @DisplayName("ASYNC-02: greenlets test1/test2 switching a baton print 12, 56, 34, 78, one body running at a time")
    void testOneTestTwo() throws InterruptedException {
        var outcome = GreenletSwitch.testOneTestTwo();

        assertEquals(List.of("12", "56", "34", "78"), outcome.printed());
        assertEquals(List.of("gr1", "gr2", "gr1", "gr2"), outcome.threads());
        // Exactly one body running at every print: not two, and not none (a body that forgot to count itself).
        assertEquals(List.of(1, 1, 1, 1), outcome.runningAtEachPrint());
        assertEquals(1, outcome.maxRunningAtOnce());
        // test1 was abandoned mid-switch, as in greenlet; here it was interrupted and joined.
        assertTrue(outcome.allEnded());
    }

    @Test
    @DisplayName("ASYNC-02: func1/func2 switching print 1, 3, 2, 4")
    void funcOneFuncTwo() throws InterruptedException {
        var outcome = GreenletSwitch.funcOneFuncTwo();

        assertEquals(List.of("1", "3", "2", "4"), outcome.printed());
        assertEquals(List.of(1, 1, 1, 1), outcome.runningAtEachPrint());
    }

    @Test
    @DisplayName("ASYNC-02: an exception that escapes a greenlet is raised in its parent, which does not wait for ever")
    void exceptionGoesToTheParent() {
        var shared = new Shared();
        var gr1 = new Greenlet("gr1", shared);
        var gr2 = new Greenlet("gr2", shared);
        gr1.start(() -> {
            shared.print("12");
            gr1.switchTo(gr2);
        });
        gr2.start(() -> {
            throw new IllegalStateException("test2 failed");
        });

        // Bounded: a parent still waiting for the baton fails here instead of stalling the build.
        var error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalStateException.class, () -> GreenletSwitch.runFromParent(shared, gr1, gr2)));
        assertEquals("test2 failed", error.getMessage());
        assertEquals(List.of("12"), shared.printed);
    }

    @Test
    @DisplayName("ASYNC-02: yield from as iterator concatenation gives 1, 3, 4, 2")
    void yieldFrom() {
        assertEquals(List.of(1, 3, 4, 2), GreenletSwitch.yieldFrom());
    }
}
