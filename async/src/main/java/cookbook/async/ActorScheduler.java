package cookbook.async;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-11. Python original: an {@code ActorScheduler} keeps generator actors by name and a
 * deque of (actor, message); {@code counter} sends n to {@code say_hello} and {@code say_hi}
 * and n - 1 to itself, until 0.
 *
 * <p>Two Java versions. {@link #run} is the seed's: a single-threaded scheduler with a
 * {@code Map} of actors and an {@link ArrayDeque} of envelopes, where an actor is an object
 * that handles one message at a time and says whether it wants more. {@link #runOnVirtualThreads}
 * is what actors look like in Java practice: each actor owns a mailbox
 * ({@link LinkedBlockingQueue}) drained by its own virtual thread, messages are immutable,
 * and a poison message stops an actor.
 */
public final class ActorScheduler {
    private static final Logger log = LoggerFactory.getLogger(ActorScheduler.class);

    /** A line printed by an actor, with the thread that printed it (name for the reader, id for a test). */
    public record Line(String thread, long threadId, String text) {
    }

    /** A generator actor: handles one message, returns false when it is finished. */
    public interface Actor {
        boolean receive(int message);
    }

    private record Envelope(String to, int message) {
    }

    private final Map<String, Actor> actors = new HashMap<>();
    private final Deque<Envelope> queue = new ArrayDeque<>();
    private final List<Line> printed = new ArrayList<>();

    /** {@code new_actor}: register it (Python also queues a priming None; a Java object needs none). */
    public void newActor(String name, Actor actor) {
        actors.put(name, actor);
    }

    /** {@code send}: queue a message for the named actor. */
    public void send(String name, int message) {
        queue.addLast(new Envelope(name, message));
    }

    /** {@code run}: deliver messages in FIFO order until none is left. */
    public List<Line> runQueue() {
        while (!queue.isEmpty()) {
            Envelope e = queue.pollFirst();
            Actor actor = actors.get(e.to());
            // A finished actor is dropped; messages to it are ignored, as the seed ignores StopIteration.
            if (actor != null && !actor.receive(e.message())) {
                actors.remove(e.to());
            }
        }
        return List.copyOf(printed);
    }

    private void print(String text) {
        log.info(text);
        printed.add(new Line(Thread.currentThread().getName(), Thread.currentThread().threadId(), text));
    }

    /** The seed's run: say_hello, say_hi and counter, started with {@code send('counter', start)}. */
    public static List<Line> run(int start) {
        var sched = new ActorScheduler();
        sched.newActor("say_hello", msg -> {
            sched.print("say hello " + msg);
            return true;
        });
        sched.newActor("say_hi", msg -> {
            sched.print("say hi " + msg);
            return true;
        });
        sched.newActor("counter", n -> {
            sched.print("counter: " + n);
            if (n == 0) {
                return false;
            }
            sched.send("say_hello", n);
            sched.send("say_hi", n);
            sched.send("counter", n - 1);
            return true;
        });
        sched.send("counter", start);
        return sched.runQueue();
    }

    /** What each mailbox actor received, in order, once all three have stopped. */
    public record MailboxOutcome(List<Integer> hello, List<Integer> hi, List<Integer> counter, boolean allStopped) {
    }

    /** The same three actors, each with a mailbox and a virtual thread; -1 is the poison message. */
    public static MailboxOutcome runOnVirtualThreads(int start) throws InterruptedException {
        final int poison = -1;
        BlockingQueue<Integer> helloBox = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> hiBox = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> counterBox = new LinkedBlockingQueue<>();
        List<Integer> hello = new ArrayList<>();
        List<Integer> hi = new ArrayList<>();
        List<Integer> counted = new ArrayList<>();

        Thread helloActor = mailboxActor("say_hello", helloBox, poison, n -> {
            log.info("say hello {}", n);
            hello.add(n);
        });
        Thread hiActor = mailboxActor("say_hi", hiBox, poison, n -> {
            log.info("say hi {}", n);
            hi.add(n);
        });
        Thread counterActor = mailboxActor("counter", counterBox, poison, n -> {
            log.info("counter: {}", n);
            counted.add(n);
            if (n == 0) {
                // The counter is done: it tells the others to stop, then stops itself.
                helloBox.add(poison);
                hiBox.add(poison);
                counterBox.add(poison);
            } else {
                helloBox.add(n);
                hiBox.add(n);
                counterBox.add(n - 1);
            }
        });
        counterBox.add(start);
        for (Thread actor : List.of(helloActor, hiActor, counterActor)) {
            actor.join();
        }
        // join() makes each actor's writes to its own list visible here.
        boolean stopped = !helloActor.isAlive() && !hiActor.isAlive() && !counterActor.isAlive();
        return new MailboxOutcome(List.copyOf(hello), List.copyOf(hi), List.copyOf(counted), stopped);
    }

    // tag::idiom[]
    /** An actor the Java way: its own mailbox, drained in order by its own virtual thread, until the poison. */
    private static Thread mailboxActor(String name, BlockingQueue<Integer> mailbox, int poison,
                                       IntConsumer behaviour) {
        return Thread.ofVirtual().name(name).start(() -> {
            try {
                for (int msg = mailbox.take(); msg != poison; msg = mailbox.take()) {
                    behaviour.accept(msg);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
    // end::idiom[]

    public static void main(String[] args) throws InterruptedException {
        List<Line> lines = run(10);
        log.info("{} lines from one thread; now the same actors with mailboxes on virtual threads", lines.size());
        MailboxOutcome mailboxes = runOnVirtualThreads(10);
        log.info("say_hello got {}; all stopped: {}", mailboxes.hello(), mailboxes.allStopped());
    }
}
