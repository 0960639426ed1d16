package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cookbook.producerconsumer.BoundedBaskets.Basket;
import cookbook.producerconsumer.BoundedBaskets.Bread;
import cookbook.testsupport.BlockingThread;
import cookbook.testsupport.StartGate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract, four implementations: every {@code @ParameterizedTest} below runs against each
 * basket. The broken basket is run through the same scenario at the end and fails it.
 */
class BoundedBasketsTest {
    private static final int CAPACITY = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A factory per implementation; the test adapts nothing, all four share the recipe's interface. */
    interface Factory {
        <E> Basket<E> create(int capacity);
    }

    static Stream<Named<Factory>> baskets() {
        return Stream.of(
                Named.of("synchronized + wait/notifyAll", new Factory() {
                    public <E> Basket<E> create(int c) {
                        return new BoundedBaskets.MonitorBasket<>(c);
                    }
                }),
                Named.of("ReentrantLock + two Conditions", new Factory() {
                    public <E> Basket<E> create(int c) {
                        return new BoundedBaskets.LockConditionBasket<>(c);
                    }
                }),
                Named.of("semaphores", new Factory() {
                    public <E> Basket<E> create(int c) {
                        return new BoundedBaskets.SemaphoreBasket<>(c);
                    }
                }),
                Named.of("ArrayBlockingQueue", new Factory() {
                    public <E> Basket<E> create(int c) {
                        return new BoundedBaskets.BlockingQueueBasket<>(c);
                    }
                }));
    }

    private static void fill(Basket<Integer> basket) throws InterruptedException {
        for (int i = 0; i < CAPACITY; i++) {
            basket.put(i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: put blocks (WAITING) while the basket is full and completes once a loaf is taken")
    void putBlocksWhenFull(Factory factory) throws InterruptedException {
        Basket<Integer> basket = factory.create(CAPACITY);
        fill(basket);
        try (var baker = BlockingThread.start("baker", () -> basket.put(99))) {
            baker.awaitWaiting();
            assertEquals(CAPACITY, basket.size());

            assertEquals(0, basket.take());
            assertNull(baker.awaitEnd());
            assertEquals(CAPACITY, basket.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: take blocks (WAITING) while the basket is empty and returns the loaf once one is put")
    void takeBlocksWhenEmpty(Factory factory) throws InterruptedException {
        Basket<Integer> basket = factory.create(CAPACITY);
        var taken = new AtomicReference<Integer>();
        try (var eater = BlockingThread.start("eater", () -> taken.set(basket.take()))) {
            eater.awaitWaiting();

            basket.put(7);
            assertNull(eater.awaitEnd());
            assertEquals(7, taken.get());
            assertEquals(0, basket.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: a blocked put and a blocked take both end with InterruptedException and change nothing")
    void blockedCallsAreInterruptible(Factory factory) throws InterruptedException {
        Basket<Integer> full = factory.create(CAPACITY);
        fill(full);
        Basket<Integer> empty = factory.create(CAPACITY);
        try (var baker = BlockingThread.start("baker", () -> full.put(99));
             var eater = BlockingThread.start("eater", empty::take)) {
            baker.awaitWaiting();
            eater.awaitWaiting();

            baker.thread().interrupt();
            eater.thread().interrupt();
            assertInstanceOf(InterruptedException.class, baker.awaitEnd());
            assertInstanceOf(InterruptedException.class, eater.awaitEnd());
            assertEquals(CAPACITY, full.size());
            assertEquals(0, empty.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: loaves come out in the order they went in (FIFO), also across wrap-around")
    void firstInFirstOut(Factory factory) throws InterruptedException {
        Basket<Integer> basket = factory.create(CAPACITY);
        fill(basket);
        var out = new ArrayList<Integer>();
        for (int next = CAPACITY; next < 4 * CAPACITY; next++) {
            out.add(basket.take());
            basket.put(next);
        }
        while (basket.size() > 0) {
            out.add(basket.take());
        }
        assertEquals(IntStream.range(0, 4 * CAPACITY).boxed().toList(), out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: 3 bakers and 2 eaters released together neither lose nor duplicate a loaf (checksums)")
    void manyBakersAndEatersLoseNothing(Factory factory) {
        Basket<Integer> basket = factory.create(CAPACITY);
        int perBaker = 200;
        var putSum = new AtomicLong();
        var takeSum = new AtomicLong();
        var eaten = Collections.synchronizedList(new ArrayList<Integer>());
        var tasks = new ArrayList<Runnable>();
        for (int b = 0; b < 3; b++) {
            int baker = b;
            tasks.add(() -> uninterrupted(() -> {
                for (int i = 0; i < perBaker; i++) {
                    int loaf = baker * 10_000 + i;
                    basket.put(loaf);
                    putSum.addAndGet(loaf);
                }
            }));
        }
        // Each eater takes exactly half, so everyone ends without a pill.
        for (int e = 0; e < 2; e++) {
            tasks.add(() -> uninterrupted(() -> {
                for (int i = 0; i < 3 * perBaker / 2; i++) {
                    int loaf = basket.take();
                    takeSum.addAndGet(loaf);
                    eaten.add(loaf);
                }
            }));
        }
        var gate = new StartGate(tasks.size());
        var threads = gate.startPlatformThreads("kitchen-", tasks);
        gate.open();
        StartGate.joinAll(threads, Duration.ofSeconds(20));

        assertEquals(putSum.get(), takeSum.get());
        assertEquals(3 * perBaker, eaten.size());
        assertEquals(3 * perBaker, new HashSet<>(eaten).size(), "no loaf eaten twice");
        assertEquals(0, basket.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: one loaf wakes exactly one of two waiting eaters; the other keeps waiting until interrupted")
    void oneLoafFeedsOneEater(Factory factory) throws InterruptedException {
        Basket<String> basket = factory.create(CAPACITY);
        try (var eaters = TwoEaters.parkedOn(basket)) {
            basket.put("loaf");
            var fed = eaters.firstToEnd();
            var hungry = eaters.other(fed);
            assertNull(fed.awaitEnd());
            assertEquals("loaf", eaters.takenBy(fed));

            hungry.awaitWaiting();
            assertFalse(hungry.hasEnded(), "a correct basket keeps the second eater waiting");
            hungry.thread().interrupt();
            assertInstanceOf(InterruptedException.class, hungry.awaitEnd());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: the bakery (3 bakers, 2 eaters, capacity 5) eats every loaf once, never holds more than 5, leaves nothing")
    void bakeryEatsEveryLoafOnce(Factory factory) throws InterruptedException {
        Basket<Bread> basket = factory.create(CAPACITY);
        var outcome = BoundedBaskets.bakery(basket, 10, Duration.ZERO, Duration.ofMillis(1));

        var eaten = new ArrayList<Bread>();
        outcome.eatenBy().values().forEach(eaten::addAll);
        assertEquals(30, outcome.baked().size());
        assertEquals(30, new HashSet<>(outcome.baked()).size(), "loaf names are unique");
        assertEquals(new HashSet<>(outcome.baked()), new HashSet<>(eaten));
        assertEquals(30, eaten.size());
        assertTrue(outcome.maxSize() <= CAPACITY, "max size " + outcome.maxSize());
        assertEquals(0, basket.size(), "one NO_MORE_BREAD per eater, none left over");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: a bakery whose main is interrupted ends its bakers and eaters: no thread outlives bakery()")
    void interruptedBakeryLeavesNoThreadBehind(Factory factory) {
        // Bakers asleep for an hour, eaters idle in take(): only an interrupt ends them.
        Basket<Bread> basket = factory.create(CAPACITY);
        try (var main = BlockingThread.start("main",
                () -> BoundedBaskets.bakery(basket, 1, Duration.ofHours(1), Duration.ZERO))) {
            main.awaitWaiting();
            main.thread().interrupt();
            assertInstanceOf(InterruptedException.class, main.awaitEnd());
        }
        // LeakCheck (registered for every test) fails this test if a baker or an eater is left.
    }

    @Test
    @DisplayName("PC-04: BROKEN if-instead-of-while basket fails the contract: both woken eaters take, one from an empty basket")
    void brokenIfWaitFailsTheContract() throws InterruptedException {
        // Same scenario as above, but nobody interrupts: a correct basket would keep the second
        // eater waiting for ever; this one lets it fall through the if and fail, every time.
        Basket<String> basket = new BoundedBaskets.BrokenIfWaitBasket<>(CAPACITY);
        try (var eaters = TwoEaters.parkedOn(basket)) {
            basket.put("loaf");
            // Both end by themselves, in either order: one with the loaf, one with an exception.
            var ended = new ArrayList<String>();
            for (var eater : List.of(eaters.first(), eaters.second())) {
                Throwable thrown = eater.awaitEnd();
                ended.add(thrown == null ? "took " + eaters.takenBy(eater) : "threw " + thrown.getClass().getSimpleName());
            }
            assertEquals(List.of("threw NoSuchElementException", "took loaf"), sorted(ended));
        }
    }

    @Test
    @DisplayName("PC-04: the recipe's demo shows it too: a correct basket leaves one eater waiting, the broken one crashes it")
    void recipeDemoShowsTheDifference() throws InterruptedException {
        // No grace for the correct basket: its second eater would wait for ever, so none is honest.
        assertEquals(List.of("ate the only loaf", "still waiting"), sorted(BoundedBaskets.twoEatersOneLoaf(
                new BoundedBaskets.MonitorBasket<>(CAPACITY), Duration.ZERO)));
        assertEquals(List.of("ate the only loaf", "failed: NoSuchElementException"), sorted(BoundedBaskets.twoEatersOneLoaf(
                new BoundedBaskets.BrokenIfWaitBasket<>(CAPACITY), PATIENCE)));
    }

    @Test
    @DisplayName("PC-04: the semaphore basket's mutex keeps two bakers from claiming the same slot (forced into the critical section together)")
    void semaphoreMutexSeparatesTwoBakers() throws InterruptedException {
        var inside = new CriticalSection();
        var basket = new BoundedBaskets.SemaphoreBasket<String>(CAPACITY, inside);

        inside.force("baker-", () -> basket.put("first"), () -> basket.put("second"));

        assertEquals(2, basket.size());
        assertEquals(List.of("first", "second"), Arrays.asList(basket.take(), basket.take()));
    }

    @Test
    @DisplayName("PC-04: the semaphore basket's mutex keeps two eaters from taking the same loaf (forced into the critical section together)")
    void semaphoreMutexSeparatesTwoEaters() throws InterruptedException {
        var inside = new CriticalSection();
        var basket = new BoundedBaskets.SemaphoreBasket<String>(CAPACITY, inside);
        inside.disarm(() -> {
            basket.put("a");
            basket.put("b");
        });
        var taken = Collections.synchronizedList(new ArrayList<String>());

        inside.force("eater-", () -> taken.add(basket.take()), () -> taken.add(basket.take()));

        assertEquals(2, taken.size());
        assertTrue(taken.contains("a") && taken.contains("b"), "each loaf taken once: " + taken);
        assertEquals(0, basket.size());
    }

    @Test
    @DisplayName("PC-04: the semaphore basket's size() waits for a put in progress instead of reading a half-made change")
    void semaphoreSizeWaitsForTheMutex() throws InterruptedException {
        var release = new CountDownLatch(1);
        var holding = new CountDownLatch(1);
        var basket = new BoundedBaskets.SemaphoreBasket<String>(CAPACITY, () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (var baker = BlockingThread.start("baker", () -> basket.put("loaf"))) {
            holding.await();
            var size = new AtomicReference<Integer>();
            try (var reader = BlockingThread.start("reader", () -> size.set(basket.size()))) {
                reader.awaitWaiting();
                release.countDown();
                assertNull(reader.awaitEnd());
                assertEquals(1, size.get());
            }
            assertNull(baker.awaitEnd());
        }
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /** Two eaters parked in take() on an empty basket; what each took is kept for the test. */
    private record TwoEaters(BlockingThread first, BlockingThread second, Map<BlockingThread, AtomicReference<String>> taken)
            implements AutoCloseable {
        static TwoEaters parkedOn(Basket<String> basket) {
            var firstTaken = new AtomicReference<String>();
            var secondTaken = new AtomicReference<String>();
            var first = BlockingThread.start("eater-1", () -> firstTaken.set(basket.take()));
            var second = BlockingThread.start("eater-2", () -> secondTaken.set(basket.take()));
            var eaters = new TwoEaters(first, second, Map.of(first, firstTaken, second, secondTaken));
            try {
                first.awaitWaiting();
                second.awaitWaiting();
            } catch (AssertionError e) {
                eaters.close();
                throw e;
            }
            return eaters;
        }

        BlockingThread firstToEnd() {
            await().atMost(PATIENCE).until(() -> first.hasEnded() || second.hasEnded());
            return first.hasEnded() ? first : second;
        }

        BlockingThread other(BlockingThread eater) {
            return eater == first ? second : first;
        }

        String takenBy(BlockingThread eater) {
            return taken.get(eater).get();
        }

        @Override
        public void close() {
            try {
                first.close();
            } finally {
                second.close();
            }
        }
    }

    /**
     * The window inside the semaphore basket's critical section. The first thread through
     * holds on until the watched thread is either inside too (no mutex: both read the same
     * index) or parked outside (WAITING on the mutex). Structure, not timing: no sleep.
     */
    private static final class CriticalSection implements Runnable {
        private final AtomicInteger entered = new AtomicInteger();
        private final CountDownLatch firstInside = new CountDownLatch(1);
        private final AtomicReference<Thread> watched = new AtomicReference<>();
        private volatile boolean armed = true;

        @Override
        public void run() {
            if (armed && entered.incrementAndGet() == 1) {
                firstInside.countDown();
                await().atMost(PATIENCE).until(() -> entered.get() > 1
                        || (watched.get() != null && watched.get().getState() == Thread.State.WAITING));
            }
        }

        /** Starts {@code first}; once it is inside, starts and watches {@code second}; both must end normally. */
        void force(String namePrefix, BlockingThread.Action first, BlockingThread.Action second)
                throws InterruptedException {
            try (var one = BlockingThread.start(namePrefix + 1, first)) {
                assertTrue(firstInside.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "nobody entered");
                try (var two = BlockingThread.start(namePrefix + 2, second)) {
                    watched.set(two.thread());
                    assertNull(one.awaitEnd());
                    assertNull(two.awaitEnd());
                }
            }
        }

        /** Runs {@code setup} (single-threaded) without the window. */
        void disarm(Body setup) throws InterruptedException {
            armed = false;
            setup.run();
            armed = true;
        }
    }

    interface Body {
        void run() throws InterruptedException;
    }

    private static void uninterrupted(Body body) {
        try {
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
