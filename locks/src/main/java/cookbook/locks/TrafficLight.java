package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 */
public final class TrafficLight {
    private static final Logger log = LoggerFactory.getLogger(TrafficLight.class);

    public enum Light { GREEN, RED }

    /** Python's threading.Event: set, clear, is_set, wait, wait(timeout). */
    public static final class ManualResetEvent {
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

        public void await() throws InterruptedException {
            lock.lock();
            try {
                while (!set) {
                    changed.await();
                }
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

    /** One car at the light: drives on green, waits for green on red. Returns what it did. */
    public static String approach(ManualResetEvent green, String car, Duration drive) throws InterruptedException {
        if (green.isSet()) {
            log.info("[{}] running...", car);
            Thread.sleep(drive);
            return "running";
        }
        log.info("[{}] sees red light, waiting...", car);
        green.await();
        log.info("[{}] green light is on, start going...", car);
        return "waited, then went";
    }

    /** The seed's program, bounded: the light ticks {@code ticks} times while one car keeps approaching. */
    public static List<String> run(int ticks, Duration tick) throws InterruptedException {
        var green = new ManualResetEvent();
        List<String> story = Collections.synchronizedList(new ArrayList<>());
        Thread car = Thread.ofPlatform().name("car-MINI").daemon(true).start(() -> {
            try {
                while (true) {
                    story.add(approach(green, "MINI", tick));
                }
            } catch (InterruptedException e) {
                // the light has finished its cycles
            }
        });
        for (Light light : lightSequence(ticks)) {
            if (light == Light.GREEN) {
                green.set();
            } else {
                green.clear();
                log.info("red light is on...");
            }
            story.add(light.name());
            Thread.sleep(tick);
        }
        car.interrupt();
        car.join();
        return List.copyOf(story);
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("colours for two cycles: {}", lightSequence(22));
        run(22, Duration.ofMillis(150));
        var green = new ManualResetEvent();
        log.info("await(100 ms) on a clear event returns {}", green.await(Duration.ofMillis(100)));
    }
}
