package cookbook.async;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ASYNC-13. Python original: the notes' story of Lao Zhang and his kettles: synchronous or
 * asynchronous is about the kettle (does it whistle?), blocking or not is about Lao Zhang
 * (does he stand there, or watch TV?).
 *
 * <p>The four quadrants, each a few real lines of Java. The ordinary kettle hands back a plain
 * {@link Future}: you find out it is done only by asking. The whistling kettle hands back a
 * {@link CompletableFuture}, or takes a callback and calls it itself. Lao Zhang is the
 * calling thread; the kettle boils on a thread named {@code stove}.
 */
public final class Kettle {
    private static final Logger log = LoggerFactory.getLogger(Kettle.class);

    /** Boiled water, and the thread it boiled on. */
    public record Water(String boiledOn) {
    }

    /** One quadrant: episodes of TV watched while waiting, kitchen checks, teas poured and where. */
    public record Quadrant(String name, int episodesWatched, int polls, int teasPoured, String pouredOn,
                           Duration elapsed) {
    }

    private Kettle() {
    }

    /** An ordinary kettle: it boils, and says nothing. */
    static Future<Water> boilOrdinary(ExecutorService stove, Duration boilTime) {
        return stove.submit(() -> boil(boilTime));
    }

    /** A whistling kettle: the returned future can run code the moment the water boils. */
    static CompletableFuture<Water> boilWhistling(ExecutorService stove, Duration boilTime) {
        return CompletableFuture.supplyAsync(() -> boil(boilTime), stove);
    }

    /** A whistling kettle given the callback up front: it whistles (calls it) on the stove's thread. */
    static CompletableFuture<Water> boilWhistling(ExecutorService stove, Duration boilTime, Consumer<Water> onWhistle) {
        return CompletableFuture.supplyAsync(() -> {
            Water water = boil(boilTime);
            onWhistle.accept(water);
            return water;
        }, stove);
    }

    private static Water boil(Duration boilTime) {
        try {
            Thread.sleep(boilTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Water(Thread.currentThread().getName());
    }

    /** Lao Zhang's side of the story; plain fields, except the tea poured by the stove's thread. */
    private static final class LaoZhang {
        final long begin = System.nanoTime();
        final Duration episode;
        int episodes;
        int polls;
        volatile int teas;
        volatile String pouredOn = "";

        LaoZhang(Duration episode) {
            this.episode = episode;
        }

        void watchEpisode() throws InterruptedException {
            Thread.sleep(episode);
            episodes++;
        }

        void pourTea(Water water) {
            pouredOn = Thread.currentThread().getName();
            teas++;
            log.info("pour tea with water boiled on '{}'", water.boiledOn());
        }

        Quadrant report(String name) {
            var q = new Quadrant(name, episodes, polls, teas, pouredOn, Duration.ofNanos(System.nanoTime() - begin));
            log.info("{}", q);
            return q;
        }
    }

    private static ExecutorService stove() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stove").factory());
    }

    /** 1. Ordinary kettle, stand and wait: {@code get()} blocks until the water boils. */
    public static Quadrant syncBlocking(Duration boilTime, Duration episode) throws InterruptedException, ExecutionException {
        var zhang = new LaoZhang(episode);
        try (var stove = stove()) {
            Future<Water> kettle = boilOrdinary(stove, boilTime);
            zhang.pourTea(kettle.get());
        }
        return zhang.report("sync, blocking: Future.get()");
    }

    /** 2. Ordinary kettle, watch TV and check the kitchen between episodes: polling {@code isDone()}. */
    public static Quadrant syncNonBlocking(Duration boilTime, Duration episode) throws InterruptedException {
        var zhang = new LaoZhang(episode);
        try (var stove = stove()) {
            Future<Water> kettle = boilOrdinary(stove, boilTime);
            // He goes to the living room first, then checks after every episode.
            do {
                zhang.watchEpisode();
                zhang.polls++;
            } while (!kettle.isDone());
            zhang.pourTea(kettle.resultNow());
        }
        return zhang.report("sync, non-blocking: polling isDone()");
    }

    /** 3. Whistling kettle, but stand and wait anyway: {@code join()} at once wastes the whistle. */
    public static Quadrant asyncBlocking(Duration boilTime, Duration episode) {
        var zhang = new LaoZhang(episode);
        try (var stove = stove()) {
            zhang.pourTea(boilWhistling(stove, boilTime).join());
        }
        return zhang.report("async, blocking: join() right away");
    }

    /** 4. Whistling kettle, watch TV; the whistle (a callback on the stove thread) pours the tea. */
    public static Quadrant asyncNonBlocking(Duration boilTime, Duration episode) throws InterruptedException {
        var zhang = new LaoZhang(episode);
        var teaReady = new CountDownLatch(1);
        try (var stove = stove()) {
            boilWhistling(stove, boilTime, water -> {
                zhang.pourTea(water);
                teaReady.countDown();
            });
            // He never looks at the kettle: he watches until the tea is there.
            do {
                zhang.watchEpisode();
            } while (teaReady.getCount() > 0);
        }
        return zhang.report("async, non-blocking: callback");
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        Duration boil = Duration.ofSeconds(1);
        Duration episode = Duration.ofMillis(300);
        syncBlocking(boil, episode);
        syncNonBlocking(boil, episode);
        asyncBlocking(boil, episode);
        asyncNonBlocking(boil, episode);
    }
}
