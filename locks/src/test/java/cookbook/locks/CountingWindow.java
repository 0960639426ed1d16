package cookbook.locks;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import cookbook.testsupport.RaceWindow;

/**
 * A {@link RaceWindow} that also counts its passes. A safe variant that quietly stopped
 * calling its window would still give the right answer, and prove nothing: counting the
 * passes shows the forcing really happened, and how often (a compare-and-set retry is one
 * pass more).
 */
final class CountingWindow implements Runnable {
    private final RaceWindow window = new RaceWindow();
    private final AtomicInteger passes = new AtomicInteger();

    @Override
    public void run() {
        passes.incrementAndGet();
        window.run();
    }

    /** Runs the tasks as the window's parties, each on its own thread, and joins them. */
    void runAll(String namePrefix, List<? extends Runnable> tasks) {
        window.runAll(namePrefix, tasks);
    }

    int passes() {
        return passes.get();
    }
}
