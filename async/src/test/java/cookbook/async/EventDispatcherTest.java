package cookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.async.EventDispatcher.Click;
import cookbook.async.EventDispatcher.Event;
import cookbook.async.EventDispatcher.Handled;
import cookbook.async.EventDispatcher.KeyDown;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventDispatcherTest {
    /** How long the slow handler holds the dispatcher: long enough for any second thread to step in. */
    private static final Duration SLOW = Duration.ofMillis(300);

    @Test
    @DisplayName("ASYNC-14: events are handled in FIFO order by their type's handler, only on the dispatcher thread")
    void fifoOnTheDispatcher() throws InterruptedException {
        var outcome = EventDispatcher.run(1_000);

        List<Event> expected = IntStream.range(0, 1_000).<Event>mapToObj(i -> new Click(i, i)).toList();
        assertEquals(expected, outcome.handled().subList(0, 1_000).stream().map(Handled::event).toList());
        assertEquals(List.of("event-dispatcher"), outcome.handled().stream().map(Handled::thread).distinct().toList());
        // One thread by identity, not by name: two loop threads both called "event-dispatcher" would pass the line above.
        assertEquals(1, outcome.handled().stream().map(Handled::threadId).distinct().count());
    }

    @Test
    @DisplayName("ASYNC-14: a slow handler delays every event behind it: one dispatcher thread handles one event at a time")
    void slowHandlerDelaysTheNextEvent() throws InterruptedException {
        List<String> story = Collections.synchronizedList(new ArrayList<>());
        Set<Long> handlerThreads = ConcurrentHashMap.newKeySet();
        var clickHandled = new CountDownLatch(1);
        try (var dispatcher = EventDispatcher.start("event-dispatcher")) {
            dispatcher.on(KeyDown.class, key -> {
                handlerThreads.add(Thread.currentThread().threadId());
                story.add("slow handler starts");
                // A second dispatcher thread would handle the click meanwhile and open this latch at once.
                boolean overtaken = await(clickHandled, SLOW);
                story.add(overtaken ? "slow handler overtaken" : "slow handler returns");
            });
            dispatcher.on(Click.class, click -> {
                handlerThreads.add(Thread.currentThread().threadId());
                story.add("click handled");
                clickHandled.countDown();
            });
            dispatcher.post(new KeyDown('s'));
            dispatcher.post(new Click(1, 1));
        }

        assertEquals(List.of("slow handler starts", "slow handler returns", "click handled"), story);
        assertEquals(1, handlerThreads.size(), "handlers ran on " + handlerThreads);
    }

    private static boolean await(CountDownLatch latch, Duration atMost) {
        try {
            return latch.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
