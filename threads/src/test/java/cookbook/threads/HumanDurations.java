package cookbook.threads;

import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check every recipe's duration formatter passes: {@code 16 ms} below a second, {@code 1.2 s} from one up. */
final class HumanDurations {
    private HumanDurations() {
    }

    static void check(Function<Duration, String> human) {
        assertEquals("0 ms", human.apply(Duration.ZERO));
        assertEquals("16 ms", human.apply(Duration.ofNanos(16_458_519)));
        assertEquals("999 ms", human.apply(Duration.ofMillis(999)));
        assertEquals("1.0 s", human.apply(Duration.ofSeconds(1)));
        assertEquals("1.2 s", human.apply(Duration.ofMillis(1234)));
    }
}
