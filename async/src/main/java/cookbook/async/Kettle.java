package cookbook.async;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /** One quadrant: episodes of TV watched while waiting, looks at the kettle, teas poured and where. */
    public record Quadrant(String name, int episodesWatched, int looksAtKettle, int teasPoured, String pouredOn,
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
        return CompletableFuture.supplyAsync(() -> boilOrFail(boilTime), stove);
    }

    /** A whistling kettle given the callback up front: it whistles (calls it) on the stove's thread. */
    static CompletableFuture<Water> boilWhistling(ExecutorService stove, Duration boilTime, Consumer<Water> onWhistle) {
        return CompletableFuture.supplyAsync(() -> {
            Water water = boilOrFail(boilTime);
            onWhistle.accept(water);
            return water;
        }, stove);
    }

    private static Water boil(Duration boilTime) throws InterruptedException {
        Thread.sleep(boilTime);
        return new Water(Thread.currentThread().getName());
    }

    /** For a {@code Supplier}, which cannot throw InterruptedException: the kettle's future fails instead. */
    private static Water boilOrFail(Duration boilTime) {
        try {
            return boil(boilTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Lao Zhang's side of the story; plain fields, except the tea poured by the stove's thread. */
    private static final class LaoZhang {
        final long begin = System.nanoTime();
        final Duration episode;
        int episodes;
        int looks;
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
            var q = new Quadrant(name, episodes, looks, teas, pouredOn, Duration.ofNanos(System.nanoTime() - begin));
            log.info("{}: {} episodes, {} looks at the kettle, tea poured on '{}', {} ms", name, q.episodesWatched(),
                    q.looksAtKettle(), q.pouredOn(), q.elapsed().toMillis());
            return q;
        }
    }

    private static ExecutorService stove() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stove").factory());
    }

    /** 1. Ordinary kettle on a stove, stand and wait. */
    public static Quadrant syncBlocking(Duration boilTime) throws InterruptedException, ExecutionException {
        try (var stove = stove()) {
            return syncBlocking(boilOrdinary(stove, boilTime));
        }
    }

    /** 2. Ordinary kettle on a stove, watch TV and check the kitchen between episodes. */
    public static Quadrant syncNonBlocking(Duration boilTime, Duration episode) throws InterruptedException {
        try (var stove = stove()) {
            return syncNonBlocking(boilOrdinary(stove, boilTime), episode);
        }
    }

    /** 3. Whistling kettle on a stove, but stand and wait anyway. */
    public static Quadrant asyncBlocking(Duration boilTime) {
        try (var stove = stove()) {
            return asyncBlocking(boilWhistling(stove, boilTime));
        }
    }

    // tag::idiom[]
    /** 1. Sync, blocking: {@code get()} parks Lao Zhang until the water boils. */
    static Quadrant syncBlocking(Future<Water> kettle) throws InterruptedException, ExecutionException {
        var zhang = new LaoZhang(Duration.ZERO);
        zhang.pourTea(kettle.get());
        return zhang.report("sync, blocking: Future.get()");
    }

    /** 2. Sync, non-blocking: he goes to the living room first, then looks ({@code isDone()}) after every episode. */
    static Quadrant syncNonBlocking(Future<Water> kettle, Duration episode) throws InterruptedException {
        var zhang = new LaoZhang(episode);
        do {
            zhang.watchEpisode();
            zhang.looks++;
        } while (!kettle.isDone());
        zhang.pourTea(kettle.resultNow());
        return zhang.report("sync, non-blocking: polling isDone()");
    }

    /** 3. Async, blocking: {@code join()} right after {@code boil()} wastes the whistle. */
    static Quadrant asyncBlocking(CompletableFuture<Water> kettle) {
        var zhang = new LaoZhang(Duration.ZERO);
        zhang.pourTea(kettle.join());
        return zhang.report("async, blocking: join() right away");
    }

    /** 4. Async, non-blocking: he watches TV; the whistle (a callback on the stove thread) pours the tea. */
    public static Quadrant asyncNonBlocking(Duration boilTime, Duration episode) throws InterruptedException {
        var zhang = new LaoZhang(episode);
        try (var stove = stove()) {
            // The tea is done once the whistle has poured it, or once the kettle has failed.
            CompletableFuture<Water> tea = boilWhistling(stove, boilTime, zhang::pourTea);
            // He never walks to the kettle: he watches until the tea is there.
            do {
                zhang.watchEpisode();
            } while (!tea.isDone());
            // The tea is there: resultNow() never waits (and throws if the kettle failed).
            tea.resultNow();
        }
        return zhang.report("async, non-blocking: callback");
    }
    // end::idiom[]

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        Duration boil = Duration.ofSeconds(1);
        Duration episode = Duration.ofMillis(300);
        syncBlocking(boil);
        syncNonBlocking(boil, episode);
        asyncBlocking(boil);
        asyncNonBlocking(boil, episode);
    }
}
