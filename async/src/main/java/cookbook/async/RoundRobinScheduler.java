package cookbook.async;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-09. Python original: a {@code TaskScheduler} keeps generators in a deque, advances the
 * first one with {@code next()} and puts it back at the end until it raises StopIteration.
 *
 * <p>Each generator becomes a small state machine with one method, {@link Task#step()}: run
 * up to the next "yield" and say whether there is more. The scheduler is the seed's loop
 * over an {@link ArrayDeque}. It is cooperative multitasking on one thread: a task that
 * never returns from {@code step()} would freeze all the others, exactly as a generator that
 * never yields would.
 */
public final class RoundRobinScheduler {
    private static final Logger log = LoggerFactory.getLogger(RoundRobinScheduler.class);

    /** A line printed by a task, with the thread that printed it (name for the reader, id for a test). */
    public record Line(String thread, long threadId, String text) {
    }

    // tag::idiom[]
    /** A generator reduced to "run to the next yield; false once finished". */
    public interface Task {
        boolean step();
    }

    private final Deque<Task> ready = new ArrayDeque<>();
    private final List<Line> printed = new ArrayList<>();

    /** {@code new_task}: queue a task; it first runs when its turn comes. */
    public void newTask(Task task) {
        ready.addLast(task);
    }

    /** {@code run}: one step of the first task, then to the back of the line, until none is left. */
    public List<Line> run() {
        while (!ready.isEmpty()) {
            Task task = ready.pollFirst();
            if (task.step()) {
                ready.addLast(task);
            }
        }
        return List.copyOf(printed);
    }
    // end::idiom[]

    private void print(String text) {
        log.info(text);
        printed.add(new Line(Thread.currentThread().getName(), Thread.currentThread().threadId(), text));
    }

    /** Python Cookbook 12.12's {@code countdown(n)}: prints T-minus n..1, one per step, then Blastoff!. */
    public Task countdown(int from) {
        return new Task() {
            private int n = from;
            private boolean started;

            @Override
            public boolean step() {
                // Resuming after the yield is where the generator decrements.
                if (started) {
                    n--;
                }
                started = true;
                if (n > 0) {
                    print("T-minus " + n);
                    return true;
                }
                print("Blastoff!");
                return false;
            }
        };
    }

    /** Python Cookbook 12.12's {@code countup(n)}: prints Counting up 0..n-1, one per step. */
    public Task countup(int to) {
        return new Task() {
            private int x;
            private boolean started;

            @Override
            public boolean step() {
                if (started) {
                    x++;
                }
                started = true;
                if (x < to) {
                    print("Counting up " + x);
                    return true;
                }
                return false;
            }
        };
    }

    /** The seed's run: countdown(10), countdown(5) and countup(15) sharing one thread. */
    public static List<Line> seedRun() {
        var scheduler = new RoundRobinScheduler();
        scheduler.newTask(scheduler.countdown(10));
        scheduler.newTask(scheduler.countdown(5));
        scheduler.newTask(scheduler.countup(15));
        return scheduler.run();
    }

    public static void main(String[] args) {
        // Read the log top to bottom: the three tasks take turns, all on the one thread.
        List<Line> lines = seedRun();
        log.info("{} lines, all printed on '{}'", lines.size(), lines.getFirst().thread());
    }
}
