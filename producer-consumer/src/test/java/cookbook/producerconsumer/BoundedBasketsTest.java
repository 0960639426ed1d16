package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cookbook.producerconsumer.BoundedBaskets.Basket;
import cookbook.producerconsumer.BoundedBaskets.Bread;
import cookbook.testsupport.StartGate;
import cookbook.testsupport.ThreadStateProbe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

    /** A thread running one basket call; what it returned or threw is kept for the test. */
    private static Thread call(String name, BasketCall call, AtomicReference<Object> outcome) {
        return Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                outcome.set(call.run());
            } catch (InterruptedException | RuntimeException e) {
                outcome.set(e);
            }
        });
    }

    interface BasketCall {
        Object run() throws InterruptedException;
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
        var outcome = new AtomicReference<Object>();
        Thread baker = call("baker", () -> {
            basket.put(99);
            return "put";
        }, outcome);
        try {
            ThreadStateProbe.awaitWaiting(baker);
            assertEquals(CAPACITY, basket.size());

            assertEquals(0, basket.take());
            StartGate.joinAll(List.of(baker), PATIENCE);
            assertEquals("put", outcome.get());
            assertEquals(CAPACITY, basket.size());
        } finally {
            baker.interrupt();
            baker.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: take blocks (WAITING) while the basket is empty and returns the loaf once one is put")
    void takeBlocksWhenEmpty(Factory factory) throws InterruptedException {
        Basket<Integer> basket = factory.create(CAPACITY);
        var outcome = new AtomicReference<Object>();
        Thread eater = call("eater", basket::take, outcome);
        try {
            ThreadStateProbe.awaitWaiting(eater);
            basket.put(7);
            StartGate.joinAll(List.of(eater), PATIENCE);
            assertEquals(7, outcome.get());
            assertEquals(0, basket.size());
        } finally {
            eater.interrupt();
            eater.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: a blocked put and a blocked take both end with InterruptedException and change nothing")
    void blockedCallsAreInterruptible(Factory factory) throws InterruptedException {
        Basket<Integer> full = factory.create(CAPACITY);
        fill(full);
        Basket<Integer> empty = factory.create(CAPACITY);
        var putOutcome = new AtomicReference<Object>();
        var takeOutcome = new AtomicReference<Object>();
        Thread baker = call("baker", () -> {
            full.put(99);
            return "put";
        }, putOutcome);
        Thread eater = call("eater", empty::take, takeOutcome);
        try {
            ThreadStateProbe.awaitWaiting(baker);
            ThreadStateProbe.awaitWaiting(eater);
            baker.interrupt();
            eater.interrupt();
            StartGate.joinAll(List.of(baker, eater), PATIENCE);

            assertInstanceOf(InterruptedException.class, putOutcome.get());
            assertInstanceOf(InterruptedException.class, takeOutcome.get());
            assertEquals(CAPACITY, full.size());
            assertEquals(0, empty.size());
        } finally {
            baker.join();
            eater.join();
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
        var outcomes = oneLoafTwoEaters(factory.create(CAPACITY), true);

        assertEquals(1, outcomes.stream().filter("loaf"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(InterruptedException.class::isInstance).count(), outcomes.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baskets")
    @DisplayName("PC-04: the bakery (3 bakers, 2 eaters, capacity 5) eats every loaf once and never holds more than 5")
    void bakeryEatsEveryLoafOnce(Factory factory) throws InterruptedException {
        var outcome = BoundedBaskets.bakery(factory.create(CAPACITY), 10, Duration.ZERO, Duration.ofMillis(1));

        var eaten = new ArrayList<Bread>();
        outcome.eatenBy().values().forEach(eaten::addAll);
        assertEquals(30, outcome.baked().size());
        assertEquals(30, new HashSet<>(outcome.baked()).size(), "loaf names are unique");
        assertEquals(new HashSet<>(outcome.baked()), new HashSet<>(eaten));
        assertEquals(30, eaten.size());
        assertTrue(outcome.maxSize() <= CAPACITY, "max size " + outcome.maxSize());
    }

    @Test
    @DisplayName("PC-04: BROKEN if-instead-of-while basket fails the contract: both woken eaters take, one from an empty basket")
    void brokenIfWaitFailsTheContract() throws InterruptedException {
        // Same scenario as above, but nobody interrupts: a correct basket would keep the second
        // eater waiting for ever; this one lets it fall through the if and fail, every time.
        var outcomes = oneLoafTwoEaters(new BoundedBaskets.BrokenIfWaitBasket<>(CAPACITY), false);

        assertEquals(1, outcomes.stream().filter("loaf"::equals).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(NoSuchElementException.class::isInstance).count(),
                outcomes.toString());
    }

    @Test
    @DisplayName("PC-04: the recipe's demo shows it too: a correct basket leaves one eater waiting, the broken one crashes it")
    void recipeDemoShowsTheDifference() throws InterruptedException {
        // Short grace for the correct basket: its second eater would wait for ever, so any grace is honest.
        assertEquals(List.of("ate the only loaf", "still waiting"), sorted(BoundedBaskets.twoEatersOneLoaf(
                new BoundedBaskets.MonitorBasket<>(CAPACITY), PATIENCE, Duration.ofMillis(50))));
        assertEquals(List.of("ate the only loaf", "failed: NoSuchElementException"), sorted(BoundedBaskets.twoEatersOneLoaf(
                new BoundedBaskets.BrokenIfWaitBasket<>(CAPACITY), PATIENCE, PATIENCE)));
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /**
     * Two eaters park in take() on an empty basket, then one loaf is put. Once one eater has
     * finished, the other is interrupted (if asked) and both are joined; returns their outcomes.
     */
    private static List<Object> oneLoafTwoEaters(Basket<String> basket, boolean interruptTheOther)
            throws InterruptedException {
        var first = new AtomicReference<Object>();
        var second = new AtomicReference<Object>();
        var eaters = List.of(call("eater-1", basket::take, first), call("eater-2", basket::take, second));
        try {
            eaters.forEach(ThreadStateProbe::awaitWaiting);
            basket.put("loaf");
            await().atMost(PATIENCE).until(() -> eaters.stream().anyMatch(t -> !t.isAlive()));
            if (interruptTheOther) {
                eaters.forEach(Thread::interrupt);
            }
            StartGate.joinAll(eaters, PATIENCE);
            return List.of(first.get(), second.get());
        } finally {
            for (Thread eater : eaters) {
                eater.interrupt();
                eater.join();
            }
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
