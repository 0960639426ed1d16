package cookbook.async;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.EventDispatcher.Click;
import cookbook.async.EventDispatcher.Event;
import cookbook.async.EventDispatcher.Handled;
import cookbook.async.EventDispatcher.KeyDown;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventDispatcherTest {

    @Test
    @DisplayName("ASYNC-14: events are handled in FIFO order by their type's handler, only on the dispatcher thread")
    void fifoOnTheDispatcher() throws InterruptedException {
        var outcome = EventDispatcher.run(1_000);

        List<Event> expected = IntStream.range(0, 1_000).<Event>mapToObj(i -> new Click(i, i)).toList();
        assertEquals(expected, outcome.handled().subList(0, 1_000).stream().map(Handled::event).toList());
        assertEquals(List.of("event-dispatcher"), outcome.handled().stream().map(Handled::thread).distinct().toList());
    }

    @Test
    @DisplayName("ASYNC-14: a key press queued after 1,000 clicks is handled right after them, no starvation")
    void keyAfterClicks() throws InterruptedException {
        var outcome = EventDispatcher.run(1_000);

        assertEquals(1_001, outcome.handled().size());
        assertEquals(new KeyDown('q'), outcome.handled().get(1_000).event());
    }

    @Test
    @DisplayName("ASYNC-14: a handler that throws is counted and the loop goes on with the next events")
    void failingHandlerDoesNotKillTheLoop() throws InterruptedException {
        var outcome = EventDispatcher.run(10);

        assertEquals(1, outcome.failures());
        assertEquals(11, outcome.handled().size(), "the 10 good clicks and the key press after the bad click");
    }
}
