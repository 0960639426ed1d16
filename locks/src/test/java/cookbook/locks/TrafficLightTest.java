package cookbook.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import cookbook.locks.TrafficLight.Light;
import cookbook.locks.TrafficLight.ManualResetEvent;
import cookbook.locks.TrafficLight.Story;
import cookbook.testsupport.BlockingThread;

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

    private static boolean isColour(String line) {
        return line.equals(GREEN.name()) || line.equals(RED.name());
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
    void carWaitsOnRedAndGoesOnGreen() {
        var green = new ManualResetEvent();
        var story = new Story();
        try (var car = BlockingThread.start("car-MINI", () -> TrafficLight.approach(green, "MINI", Duration.ZERO, story))) {
            car.awaitWaiting();
            assertEquals(List.of("MINI waits"), story.lines(), "still at the red light");
            story.light(green, GREEN);
            assertNull(car.awaitEnd());
        }
        assertEquals(List.of("MINI waits", "GREEN", "MINI goes"), story.lines());
    }

    @Test
    @DisplayName("LCK-09: a car on green drives without waiting")
    void carOnGreenDrives() throws InterruptedException {
        var green = new ManualResetEvent();
        var story = new Story();
        story.light(green, GREEN);
        TrafficLight.approach(green, "MINI", Duration.ZERO, story);
        story.light(green, RED);
        assertEquals(List.of("GREEN", "MINI drives", "RED"), story.lines());
        assertFalse(green.isSet(), "red clears the event");
    }

    @Test
    @DisplayName("LCK-09: the event: await(timeout) waits out its timeout while clear, and one set() releases every waiter")
    void eventReleasesAllWaiters() throws InterruptedException {
        var green = new ManualResetEvent();
        Duration timeout = Duration.ofMillis(20);
        long begin = System.nanoTime();
        assertFalse(green.await(timeout));
        assertTrue(System.nanoTime() - begin >= timeout.toNanos(), "returned before its timeout");

        var timed = new AtomicBoolean();
        try (var car0 = BlockingThread.start("car-0", green::await);
             var car1 = BlockingThread.start("car-1", green::await);
             var car2 = BlockingThread.start("car-2", () -> timed.set(green.await(Duration.ofSeconds(20))))) {
            car0.awaitWaiting();
            car1.awaitWaiting();
            car2.awaitParked();
            green.set();
            assertNull(car0.awaitEnd());
            assertNull(car1.awaitEnd());
            assertNull(car2.awaitEnd());
        }
        assertTrue(timed.get(), "a timed wait released by set() reports true");
        assertTrue(green.await(Duration.ZERO), "a set event lets everyone through at once");
        green.clear();
        assertFalse(green.isSet());
        assertFalse(green.await(Duration.ZERO), "cleared again: closed");
    }

    @RepeatedTest(3)
    @DisplayName("LCK-09: the bounded run: the colours in order, the car never drives on red and goes only after a green")
    void boundedRunKeepsTheCarToTheLight() throws InterruptedException {
        // No pace at all: the light's ticks and the car's drives take no time, so the story's
        // order comes only from the light waiting for the car to see each change.
        List<String> story = TrafficLight.run(12, Duration.ZERO);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("car-MINI")),
                "run() returns only after the car has stopped");
        assertEquals(TrafficLight.lightSequence(12).stream().map(Enum::name).toList(),
                story.stream().filter(TrafficLightTest::isColour).toList());

        String light = "none";
        boolean greenSinceWaiting = false;
        for (int i = 0; i < story.size(); i++) {
            String line = story.get(i);
            switch (line) {
                case "GREEN", "RED" -> {
                    if (!line.equals(light)) {
                        // The light waits for the car to see each change: the next line is the
                        // car's, and it agrees with the light.
                        String next = i + 1 < story.size() ? story.get(i + 1) : "nothing";
                        assertTrue(line.equals("RED") ? next.equals("MINI waits")
                                : next.equals("MINI drives") || next.equals("MINI goes"), line + " then " + next + ": " + story);
                    }
                    light = line;
                    greenSinceWaiting |= line.equals("GREEN");
                }
                case "MINI drives" -> assertEquals("GREEN", light, "drove on " + light + ": " + story);
                case "MINI waits" -> greenSinceWaiting = false;
                case "MINI goes" -> assertTrue(greenSinceWaiting, "went with no green since it stopped: " + story);
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
    }
}
