package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cookbook.locks.TrafficLight.Light;
import cookbook.locks.TrafficLight.ManualResetEvent;
import cookbook.testsupport.ThreadStateProbe;

import static cookbook.locks.TrafficLight.Light.GREEN;
import static cookbook.locks.TrafficLight.Light.RED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficLightTest {

    private static List<Light> times(Light light, int n) {
        return Collections.nCopies(n, light);
    }

    @Test
    @DisplayName("LCK-09: the light follows the seed's counter: green x6, red x5, then the silent set-tick and green x5")
    void lightSequenceMatchesTheSeed() {
        var expected = new ArrayList<Light>();
        expected.addAll(times(GREEN, 6));
        expected.addAll(times(RED, 5));
        expected.addAll(times(GREEN, 6));
        expected.addAll(times(RED, 5));
        assertEquals(expected, TrafficLight.lightSequence(22));
    }

    @Test
    @DisplayName("LCK-09: a car on red waits (WAITING) and goes only when the light turns green")
    void carWaitsOnRedAndGoesOnGreen() throws InterruptedException {
        var green = new ManualResetEvent();
        var did = new AtomicReference<String>();
        Thread car = Thread.ofPlatform().name("car-MINI").daemon(true).start(() -> {
            try {
                did.set(TrafficLight.approach(green, "MINI", Duration.ZERO));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ThreadStateProbe.awaitWaiting(car);
            assertNull(did.get(), "still at the red light");
            green.set();
            assertTrue(car.join(Duration.ofSeconds(10)));
        } finally {
            car.interrupt();
        }
        assertEquals("waited, then went", did.get());
    }

    @Test
    @DisplayName("LCK-09: a car on green drives without waiting")
    void carOnGreenDrives() throws InterruptedException {
        var green = new ManualResetEvent();
        green.set();
        assertEquals("running", TrafficLight.approach(green, "MINI", Duration.ZERO));
    }

    @Test
    @DisplayName("LCK-09: the event: await(timeout) is false while clear, and one set() releases every waiter")
    void eventReleasesAllWaiters() throws InterruptedException {
        var green = new ManualResetEvent();
        assertFalse(green.await(Duration.ofMillis(20)));
        var waiters = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            waiters.add(Thread.ofPlatform().name("car-", i).daemon(true).start(() -> {
                try {
                    green.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        waiters.forEach(ThreadStateProbe::awaitWaiting);
        green.set();
        for (Thread w : waiters) {
            assertTrue(w.join(Duration.ofSeconds(10)), w.getName() + " released");
        }
        assertTrue(green.await(Duration.ZERO), "a set event lets everyone through at once");
        green.clear();
        assertFalse(green.isSet());
    }

    @Test
    @DisplayName("LCK-09: the bounded run shows the light's colours in order while the car drives")
    void boundedRunShowsTheColours() throws InterruptedException {
        List<String> story = TrafficLight.run(12, Duration.ofMillis(5));
        assertEquals(TrafficLight.lightSequence(12).stream().map(Enum::name).toList(),
                story.stream().filter(s -> s.equals("GREEN") || s.equals("RED")).toList());
    }
}
