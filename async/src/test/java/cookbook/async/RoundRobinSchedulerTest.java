package cookbook.async;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.RoundRobinScheduler.Line;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundRobinSchedulerTest {

    /**
     * A reference model written differently from the recipe: each generator is the list of what
     * it prints on each turn (its last turn ends it), and turns are dealt round-robin.
     */
    private static List<String> reference() {
        List<List<String>> countdown10 = countdownTurns(10);
        List<List<String>> countdown5 = countdownTurns(5);
        List<List<String>> countup15 = new ArrayList<>(IntStream.range(0, 15).mapToObj(x -> List.of("Counting up " + x)).toList());
        countup15.add(List.of());
        var ready = new ArrayDeque<Iterator<List<String>>>(List.of(countdown10.iterator(), countdown5.iterator(), countup15.iterator()));
        var out = new ArrayList<String>();
        while (!ready.isEmpty()) {
            Iterator<List<String>> task = ready.pollFirst();
            out.addAll(task.next());
            if (task.hasNext()) {
                ready.addLast(task);
            }
        }
        return out;
    }

    private static List<List<String>> countdownTurns(int n) {
        List<List<String>> turns = new ArrayList<>(IntStream.iterate(n, k -> k > 0, k -> k - 1)
                .mapToObj(k -> List.of("T-minus " + k)).toList());
        turns.add(List.of("Blastoff!"));
        return turns;
    }

    @Test
    @DisplayName("ASYNC-09: countdown(10), countdown(5), countup(15) take turns step by step, as the reference model says")
    void roundRobinTrace() {
        List<String> trace = RoundRobinScheduler.seedRun().stream().map(Line::text).toList();

        assertEquals(List.of("T-minus 10", "T-minus 5", "Counting up 0", "T-minus 9", "T-minus 4", "Counting up 1",
                "T-minus 8", "T-minus 3", "Counting up 2"), trace.subList(0, 9));
        assertEquals(reference(), trace);
        assertEquals(15, trace.stream().filter(s -> s.startsWith("T-minus")).count());
        assertEquals(15, trace.stream().filter(s -> s.startsWith("Counting up")).count());
        assertEquals(2, trace.stream().filter(s -> s.equals("Blastoff!")).count());
    }

    @Test
    @DisplayName("ASYNC-09: every step of every task runs on the one calling thread, the same thread object each time")
    void oneThread() {
        long caller = Thread.currentThread().threadId();

        assertEquals(List.of(caller), RoundRobinScheduler.seedRun().stream().map(Line::threadId).distinct().toList());
    }
}
