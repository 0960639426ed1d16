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

    /** gr1 prints 12 and switches to gr2, whose body is {@code second}; run from the parent. */
    private static GreenletSwitch.Outcome twelveThenSecond(Shared shared, Greenlet.Body second)
            throws InterruptedException {
        var gr1 = new Greenlet("gr1", shared);
        var gr2 = new Greenlet("gr2", shared);
        gr1.start(() -> {
            shared.print("12");
            gr1.switchTo(gr2);
        });
        gr2.start(second);
        return GreenletSwitch.runFromParent(shared, gr1, gr2);
    }

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

        // Bounded: a parent still waiting for the baton fails here instead of stalling the build.
        var error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalStateException.class, () -> twelveThenSecond(shared, () -> {
                    throw new IllegalStateException("test2 failed");
                })));
        assertEquals("test2 failed", error.getMessage());
        assertEquals(List.of("12"), shared.printed);
        // gr2 ended by throwing: it still handed the baton back, so no body counts as running.
        assertEquals(0, shared.running.get(), "bodies running once the parent holds the baton");
    }

    @Test
    @DisplayName("ASYNC-02: a greenlet whose body returns stops counting as running: with the parent holding the baton, none runs")
    void finishedGreenletLeaves() throws InterruptedException {
        var shared = new Shared();

        var outcome = twelveThenSecond(shared, () -> shared.print("56"));

        assertEquals(List.of("12", "56"), outcome.printed());
        assertEquals(List.of(1, 1), outcome.runningAtEachPrint());
        // gr1 left when it switched out, gr2 when its body returned: the parent runs alone.
        assertEquals(0, shared.running.get(), "bodies running once the parent holds the baton");
    }

    @Test
    @DisplayName("ASYNC-02: yield from as iterator concatenation gives 1, 3, 4, 2")
    void yieldFrom() {
        assertEquals(List.of(1, 3, 4, 2), GreenletSwitch.yieldFrom());
    }
}
