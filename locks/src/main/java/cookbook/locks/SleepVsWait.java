package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-11. Python original: the notes on thread states say {@code sleep()} does not release a
 * lock while {@code wait()} does, and a woken waiter must compete for the lock again.
 *
 * <p>A "holder" thread enters {@code synchronized (lock)}, starts an "other" thread that tries
 * to enter the same block, and pauses until told to go on: in {@link Mode#SLEEP} it sleeps in
 * short ticks, still inside the block, so the other thread stays {@code BLOCKED} until the
 * holder leaves; in {@link Mode#WAIT} it calls {@code lock.wait()}, which gives the monitor
 * up, so the other thread gets in while the holder is still paused ({@code WAITING}), and its
 * {@code notifyAll()} lets the holder take the lock back and finish.
 */
public final class SleepVsWait {
    private static final Logger log = LoggerFactory.getLogger(SleepVsWait.class);

    public enum Mode { SLEEP, WAIT }

    /** The two threads and the story they write; {@link #release()} ends the holder's pause. */
    public static final class Demo implements AutoCloseable {
        private final Object lock = new Object();
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final Thread holder;
        private final Thread other;
        private volatile boolean released;

        // Builds both threads but starts neither: a constructor never lets a thread see a
        // half-built object (THR-07). start() starts the holder.
        private Demo(Mode mode, Duration tick) {
            var daemons = Thread.ofPlatform().daemon(true);
            holder = daemons.name("holder").unstarted(() -> hold(mode, tick));
            other = daemons.name("other").unstarted(this::enter);
        }

        // tag::idiom[]
        private void hold(Mode mode, Duration tick) {
            try {
                synchronized (lock) {
                    events.add("holder in");
                    // Only now may the other thread try the door: it finds the lock taken.
                    other.start();
                    while (!released) {
                        if (mode == Mode.SLEEP) {
                            Thread.sleep(tick);   // keeps the lock
                        } else {
                            lock.wait();          // gives the lock up until notified
                        }
                    }
                    events.add("holder out");
                }
            } catch (InterruptedException e) {
                events.add("holder interrupted");
                Thread.currentThread().interrupt();
            }
        }

        private void enter() {
            synchronized (lock) {
                events.add("other in (holder " + holder.getState() + ")");
                released = true;
                lock.notifyAll();
            }
        }
        // end::idiom[]

        public Thread holder() {
            return holder;
        }

        public Thread other() {
            return other;
        }

        /** Lets the holder's pause end (in WAIT mode the other thread does this itself). */
        public void release() {
            released = true;
        }

        public List<String> events() {
            return List.copyOf(events);
        }

        /** Interrupts the holder out of its pause (leaving the lock to the other) and waits for both. */
        @Override
        public void close() throws InterruptedException {
            holder.interrupt();
            holder.join();
            other.join();
        }
    }

    private SleepVsWait() {
    }

    /** Starts the holder; once inside the lock, it starts the other thread itself. */
    public static Demo start(Mode mode, Duration tick) {
        var demo = new Demo(mode, tick);
        demo.holder.start();
        return demo;
    }

    public static void main(String[] args) throws InterruptedException {
        try (Demo sleep = start(Mode.SLEEP, Duration.ofMillis(100))) {
            // Watching the other thread's state is the point here; a tool like jstack does the same.
            while (sleep.other().getState() != Thread.State.BLOCKED) {
                Thread.sleep(10);
            }
            Thread.sleep(500);
            log.info("sleep: after 500 ms the holder is {} and the other thread is {}", sleep.holder().getState(),
                    sleep.other().getState());
            sleep.release();
            sleep.other().join();
            log.info("sleep: {}", sleep.events());
        }
        try (Demo wait = start(Mode.WAIT, Duration.ofMillis(100))) {
            wait.other().join();
            wait.holder().join();
            log.info("wait: {}", wait.events());
        }
    }
}
