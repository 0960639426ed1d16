package cookbook.async;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import com.google.common.collect.Iterators;
import com.google.common.collect.Lists;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.GeneratorCoroutine.JumpingRange;
import cookbook.async.GeneratorCoroutine.PrinterCoroutine;
import cookbook.async.GeneratorCoroutine.Step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeneratorCoroutineTest {

    @Test
    @DisplayName("ASYNC-01: count_down(5) pulled as an Iterator or a Stream yields 5, 4, 3, 2, 1")
    void countDownPulled() {
        // At most ten pulls: a generator that never said "no more" would show a sixth value, not hang the test.
        assertEquals(List.of(5, 4, 3, 2, 1), Lists.newArrayList(Iterators.limit(GeneratorCoroutine.countDown(5), 10)));
        assertEquals(List.of(5, 4, 3, 2, 1), GeneratorCoroutine.countDownStream(5).toList());
    }

    @Test
    @DisplayName("ASYNC-01: jumping_range gives 0, 2, 3, 2 for next, send(2), next, send(-1)")
    void jumpingRange() {
        var gen = new JumpingRange(5);
        assertEquals(0, gen.next());
        assertEquals(2, gen.send(2));
        assertEquals(3, gen.next());
        assertEquals(2, gen.send(-1));
        assertThrows(NoSuchElementException.class, () -> gen.send(10), "past the limit is StopIteration");

        // The limit itself is already past the end, as in range(limit).
        var two = new JumpingRange(2);
        assertEquals(0, two.next());
        assertEquals(1, two.next());
        assertThrows(NoSuchElementException.class, two::next, "index 2 of jumping_range(2)");
    }

    @Test
    @DisplayName("ASYNC-01: sending a value to a generator that was never primed throws")
    void sendBeforePrimeThrows() throws InterruptedException {
        assertThrows(IllegalStateException.class, () -> new JumpingRange(5).send(1));
        try (var printer = new PrinterCoroutine("unprimed", new ArrayList<>())) {
            assertThrows(IllegalStateException.class, () -> printer.send("too early"));
        }
    }

    @Test
    @DisplayName("ASYNC-01: close() interrupts and joins the body, so its thread has ended, as a collected generator has")
    void closeEndsTheBody() throws InterruptedException {
        PrinterCoroutine closed;
        try (var printer = new PrinterCoroutine("yield_test", new ArrayList<>())) {
            printer.prime();
            printer.send("hello");
            closed = printer;
        }
        assertFalse(closed.thread().isAlive());
    }

    @Test
    @DisplayName("ASYNC-01: the send coroutine prints send=ok then hello, caller and body strictly taking turns")
    void sendCoroutineAlternates() throws InterruptedException {
        String caller = Thread.currentThread().getName();

        List<Step> trace = GeneratorCoroutine.sendAll(List.of("send=ok", "hello"));

        assertEquals(List.of(
                new Step(caller, "send(send=ok)"),
                new Step("yield_test", "send=ok"),
                new Step(caller, "send(hello)"),
                new Step("yield_test", "hello")), trace);
    }
}
