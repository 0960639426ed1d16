package cookbook.async;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GreenletSwitchTest {

    @Test
    @DisplayName("ASYNC-02: greenlets test1/test2 switching a baton print 12, 56, 34, 78, one body running at a time")
    void testOneTestTwo() throws InterruptedException {
        var outcome = GreenletSwitch.testOneTestTwo();

        assertEquals(List.of("12", "56", "34", "78"), outcome.printed());
        assertEquals(List.of("gr1", "gr2", "gr1", "gr2"), outcome.threads());
        assertEquals(1, outcome.maxRunningAtOnce());
    }

    @Test
    @DisplayName("ASYNC-02: func1/func2 switching print 1, 3, 2, 4")
    void funcOneFuncTwo() throws InterruptedException {
        var outcome = GreenletSwitch.funcOneFuncTwo();

        assertEquals(List.of("1", "3", "2", "4"), outcome.printed());
        assertEquals(1, outcome.maxRunningAtOnce());
    }

    @Test
    @DisplayName("ASYNC-02: yield from as iterator concatenation gives 1, 3, 4, 2")
    void yieldFrom() {
        assertEquals(List.of(1, 3, 4, 2), GreenletSwitch.yieldFrom());
    }
}
