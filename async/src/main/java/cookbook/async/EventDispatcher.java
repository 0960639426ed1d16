package cookbook.async;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-14. Python original: the notes' event-driven model: producers put mouse clicks and key
 * presses on an event queue, and one loop takes each event and calls its handler
 * ({@code onClick}, {@code onKeyDown}) instead of polling every device.
 *
 * <p>One dispatcher thread takes events from a {@link BlockingQueue} and looks the handler up by
 * the event's type. Handlers run one at a time on that thread, so they share state without
 * locks, and must not block (a slow handler delays every event behind it). A handler that
 * throws is logged and the loop goes on. Swing's event thread and Guava's {@code EventBus}
 * are the same model.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    /** Everything that can be put on the queue. */
    public sealed interface Event permits Click, KeyDown, Stop {
    }

    public record Click(int x, int y) implements Event {
    }

    public record KeyDown(char key) implements Event {
    }

    /** The dispatcher's own "no more events" message. */
    public record Stop() implements Event {
    }

    /** An event as seen by its handler, and the thread the handler ran on (name and id). */
    public record Handled(Event event, String thread, long threadId) {
        static Handled now(Event event) {
            return new Handled(event, Thread.currentThread().getName(), Thread.currentThread().threadId());
        }
    }

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Map<Class<? extends Event>, Consumer<Event>> handlers = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread loop;

    private EventDispatcher(String name) {
        // Built here, started by start(): a constructor that starts a thread lets it see a half-built object (THR-07).
        loop = Thread.ofPlatform().name(name).daemon(true).unstarted(this::dispatch);
    }

    /** A dispatcher whose one loop thread, called {@code name}, is already taking events. */
    public static EventDispatcher start(String name) {
        var dispatcher = new EventDispatcher(name);
        dispatcher.loop.start();
        return dispatcher;
    }

    /** Registers the handler for one event type. */
    public <E extends Event> void on(Class<E> type, Consumer<? super E> handler) {
        handlers.put(type, event -> handler.accept(type.cast(event)));
    }

    /** Called by any producer thread; returns at once. */
    public void post(Event event) {
        queue.add(event);
    }

    /** How many handlers threw so far. */
    public int failures() {
        return failures.get();
    }

    // tag::idiom[]
    private void dispatch() {
        try {
            for (Event event = queue.take(); !(event instanceof Stop); event = queue.take()) {
                Consumer<Event> handler = handlers.get(event.getClass());
                if (handler == null) {
                    log.warn("no handler for {}", event);
                    continue;
                }
                try {
                    handler.accept(event);
                } catch (RuntimeException e) {
                    // One bad handler must not stop the loop that every other event depends on.
                    failures.incrementAndGet();
                    log.warn("handler for {} failed: {}", event, e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues the stop message behind every event posted so far, and waits for the loop to end. */
    @Override
    public void close() throws InterruptedException {
        post(new Stop());
        loop.join();
    }
    // end::idiom[]

    /** What the handlers saw, in order, and how many of them failed. */
    public record Outcome(List<Handled> handled, int failures) {
    }

    /**
     * A mouse thread posts one off-screen click (its handler rejects it) and {@code clicks}
     * ordinary ones; after it, a keyboard thread posts one key press.
     */
    public static Outcome run(int clicks) throws InterruptedException {
        List<Handled> handled = Collections.synchronizedList(new ArrayList<>());
        var dispatcher = EventDispatcher.start("event-dispatcher");
        try {
            dispatcher.on(Click.class, click -> {
                if (click.x() < 0) {
                    throw new IllegalArgumentException("click off-screen: " + click);
                }
                handled.add(Handled.now(click));
            });
            dispatcher.on(KeyDown.class, key -> {
                log.info("onKeyDown {}", key.key());
                handled.add(Handled.now(key));
            });

            Thread mouse = Thread.ofPlatform().name("mouse").start(() -> {
                dispatcher.post(new Click(-1, -1));
                for (int i = 0; i < clicks; i++) {
                    dispatcher.post(new Click(i, i));
                }
            });
            mouse.join();
            Thread keyboard = Thread.ofPlatform().name("keyboard").start(() -> dispatcher.post(new KeyDown('q')));
            keyboard.join();
        } finally {
            // Every event posted so far is handled before the stop message.
            dispatcher.close();
        }
        return new Outcome(List.copyOf(handled), dispatcher.failures());
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome outcome = run(1_000);
        log.info("{} events handled, the key press last, all on '{}'; {} handler failed and the loop went on",
                outcome.handled().size(), outcome.handled().getLast().thread(), outcome.failures());
    }
}
