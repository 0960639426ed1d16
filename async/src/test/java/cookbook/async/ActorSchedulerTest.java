package cookbook.async;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.ActorScheduler.Line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActorSchedulerTest {

    @Test
    @DisplayName("ASYNC-11: the single-threaded actor scheduler prints the 31 lines counter, say hello, say hi down to counter: 0")
    void seedTrace() {
        long caller = Thread.currentThread().threadId();

        List<Line> lines = ActorScheduler.run(10);

        var expected = new ArrayList<String>();
        for (int n = 10; n >= 1; n--) {
            expected.addAll(List.of("counter: " + n, "say hello " + n, "say hi " + n));
        }
        expected.add("counter: 0");
        assertEquals(31, lines.size());
        assertEquals(expected, lines.stream().map(Line::text).toList());
        // One thread by identity (the caller's), not merely by name.
        assertEquals(List.of(caller), lines.stream().map(Line::threadId).distinct().toList());
    }

    @Test
    @DisplayName("ASYNC-11: mailbox actors on virtual threads get their messages in order, and all stop after counter 0")
    void mailboxActors() throws InterruptedException {
        var outcome = ActorScheduler.runOnVirtualThreads(10);

        List<Integer> tenToOne = IntStream.iterate(10, n -> n >= 1, n -> n - 1).boxed().toList();
        assertEquals(tenToOne, outcome.hello());
        assertEquals(tenToOne, outcome.hi());
        assertEquals(IntStream.iterate(10, n -> n >= 0, n -> n - 1).boxed().toList(), outcome.counter());
        assertTrue(outcome.allStopped());
    }
}
