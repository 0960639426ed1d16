package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LCK-09. Python original: a light thread sets a {@code threading.Event} for green and clears
 * it for red on a timer; a car thread drives while it is set and waits on it while it is not.
 *
 * <p>Java has no resettable Event: a {@code CountDownLatch} opens once and never closes. So
 * {@link ManualResetEvent} builds one from a {@link ReentrantLock}, a {@link Condition} and a
 * boolean: {@code set()} opens and wakes every waiter, {@code clear()} closes, {@code await()}
 * waits in a loop (wake-ups can be spurious). The light follows the seed's counter: green for
 * counts 0 to 5, red for 6 to 10, then a silent tick that turns green again.
 *
 * <p>{@link #run} is the seed's program, bounded, with a {@link Story} both threads write: a
 * change of the light and its line, or a car's look and its line, are one step, so the story
 * is the true order of events and a test can check the car against the light.
 */
public final class TrafficLight {
    private static final Logger log = LoggerFactory.getLogger(TrafficLight.class);

    public enum Light { GREEN, RED }

    /** Python's threading.Event: set, clear, is_set, wait, wait(timeout). */
    public static final class ManualResetEvent {
        // tag::idiom[]
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private boolean set;

        public void set() {
            lock.lock();
            try {
                set = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        public void await() throws InterruptedException {
            lock.lock();
            try {
                // A loop, not an if: a waiter may wake without a signal, or after a clear().
                while (!set) {
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
        }
        // end::idiom[]

        public void clear() {
            lock.lock();
            try {
                set = false;
            } finally {
                lock.unlock();
            }
        }

        public boolean isSet() {
            lock.lock();
            try {
                return set;
            } finally {
                lock.unlock();
            }
        }

        /** False if the event was still clear when {@code timeout} ran out. */
        public boolean await(Duration timeout) throws InterruptedException {
            long left = timeout.toNanos();
            lock.lock();
            try {
                while (!set) {
                    if (left <= 0) {
                        return false;
                    }
                    left = changed.awaitNanos(left);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * What happened at the crossing, in order. The light's change and its line, and a car's
     * look and its line, each happen under this object's monitor, so no line can be overtaken
     * by the event it reports.
     */
    public static final class Story {
        private final List<String> lines = new ArrayList<>();
        private Boolean carWaiting;

        synchronized void light(ManualResetEvent green, Light light) {
            if (light == Light.GREEN) {
                green.set();
            } else {
                green.clear();
                log.info("red light is on...");
            }
            lines.add(light.name());
        }

        /** The car looks at the light: true for green. */
        synchronized boolean look(ManualResetEvent green, String car) {
            boolean go = green.isSet();
            carDid(car + (go ? " drives" : " waits"), !go);
            return go;
        }

        synchronized void goes(String car) {
            carDid(car + " goes", false);
        }

        private void carDid(String line, boolean waiting) {
            lines.add(line);
            carWaiting = waiting;
            notifyAll();
        }

        /** Waits until the car's last line agrees with {@code light}: moving on green, waiting on red. */
        synchronized void awaitCarSees(Light light) throws InterruptedException {
            while (carWaiting == null || carWaiting != (light == Light.RED)) {
                wait();
            }
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private TrafficLight() {
    }

    /** The seed's lighter, as a pure function: the colour at each of {@code ticks} ticks. */
    public static List<Light> lightSequence(int ticks) {
        var lights = new ArrayList<Light>();
        int count = 0;
        for (int tick = 0; tick < ticks; tick++) {
            if (count > 5 && count <= 10) {
                lights.add(Light.RED);
            } else {
                if (count > 10) {
                    count = 0;
                }
                lights.add(Light.GREEN);
            }
            count++;
        }
        return lights;
    }

    /** One car at the light: drives on green, waits for green on red. */
    public static void approach(ManualResetEvent green, String car, Duration drive, Story story)
            throws InterruptedException {
        if (story.look(green, car)) {
            log.info("[{}] running...", car);
            Thread.sleep(drive);
            return;
        }
        log.info("[{}] sees red light, waiting...", car);
        green.await();
        story.goes(car);
        log.info("[{}] green light is on, start going...", car);
    }

    /**
     * The seed's program, bounded: the light ticks {@code ticks} times while one car keeps
     * approaching. So that every run tells the same story, the light waits after each change
     * until the car has seen it (as a camera at the crossing would); {@code tick} is the pace.
     */
    public static List<String> run(int ticks, Duration tick) throws InterruptedException {
        var green = new ManualResetEvent();
        var story = new Story();
        Thread car = Thread.ofPlatform().name("car-MINI").daemon(true).start(() -> {
            try {
                while (true) {
                    approach(green, "MINI", tick, story);
                }
            } catch (InterruptedException e) {
                // The light has finished its cycles.
                Thread.currentThread().interrupt();
            }
        });
        try {
            for (Light light : lightSequence(ticks)) {
                story.light(green, light);
                story.awaitCarSees(light);
                Thread.sleep(tick);
            }
        } finally {
            car.interrupt();
            car.join();
        }
        return story.lines();
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("colours for two cycles: {}", lightSequence(22));
        log.info("story: {}", run(22, Duration.ofMillis(150)));
        var green = new ManualResetEvent();
        log.info("await(100 ms) on a clear event returns {}", green.await(Duration.ofMillis(100)));
    }
}
