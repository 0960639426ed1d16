package cookbook.producerconsumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PC-04. Python original: three bakers and two eaters share a five-loaf basket guarded by
 * one {@code asyncio.Condition}: a baker waits while it is full, an eater while it is empty.
 *
 * <p>The same bounded buffer four ways, behind one small {@link Basket} interface:
 * {@link MonitorBasket} ({@code synchronized}, {@code wait}/{@code notifyAll}),
 * {@link LockConditionBasket} (a {@link ReentrantLock} with two {@link Condition}s, each
 * side waking only the other), {@link SemaphoreBasket} (Dijkstra's ring of slots, counting
 * semaphores for free slots and loaves, a mutex for the indexes) and
 * {@link BlockingQueueBasket}, the baseline you should use, built exactly like the second.
 * {@link BrokenIfWaitBasket} waits under a bare {@code if}: a woken eater does not look
 * again and takes from an empty basket. (The seed's {@code if} is safe: it sits inside a
 * {@code while True}, so a woken coroutine comes round and looks again before it acts.)
 *
 * <p>What to notice: every loaf is eaten exactly once, the basket never holds more than five,
 * and bakers and eaters sleep <em>outside</em> the lock (the seed sleeps inside it).
 */
public final class BoundedBaskets {
    private static final Logger log = LoggerFactory.getLogger(BoundedBaskets.class);

    /** A bounded FIFO: put waits while full, take waits while empty, both interruptibly. */
    public interface Basket<E> {
        void put(E item) throws InterruptedException;

        E take() throws InterruptedException;

        int size();
    }

    /**
     * The intrinsic lock: one wait set for bakers and eaters alike, so every change wakes
     * everyone. How a woken thread waits is left to the two variants below, the only lines
     * in which they differ.
     */
    public abstract static sealed class WaitSetBasket<E> implements Basket<E> permits MonitorBasket, BrokenIfWaitBasket {
        final ArrayDeque<E> items = new ArrayDeque<>();
        final int capacity;

        WaitSetBasket(int capacity) {
            this.capacity = capacity;
        }

        /** Called holding this basket's monitor; returns once there is room (or claims so). */
        abstract void awaitRoom() throws InterruptedException;

        /** Called holding this basket's monitor; returns once there is a loaf (or claims so). */
        abstract void awaitLoaf() throws InterruptedException;

        @Override
        public synchronized void put(E item) throws InterruptedException {
            awaitRoom();
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized E take() throws InterruptedException {
            awaitLoaf();
            // A broken awaitLoaf() lets an eater get here with the basket empty: NoSuchElementException.
            E item = items.removeFirst();
            notifyAll();
            return item;
        }

        @Override
        public synchronized int size() {
            return items.size();
        }
    }

    /** Correct: a while, never an if. Being woken only means "something changed", so look again. */
    public static final class MonitorBasket<E> extends WaitSetBasket<E> {
        public MonitorBasket(int capacity) {
            super(capacity);
        }

        @Override
        void awaitRoom() throws InterruptedException {
            while (items.size() == capacity) {
                wait();
            }
        }

        @Override
        void awaitLoaf() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
        }
    }

    /** BROKEN: {@code if} instead of {@code while}. Two eaters woken by one loaf both take one. */
    public static final class BrokenIfWaitBasket<E> extends WaitSetBasket<E> {
        public BrokenIfWaitBasket(int capacity) {
            super(capacity);
        }

        @Override
        void awaitRoom() throws InterruptedException {
            if (items.size() == capacity) {
                wait();
            }
        }

        @Override
        void awaitLoaf() throws InterruptedException {
            if (items.isEmpty()) {
                wait();
            }
        }
    }

    /** Two conditions on one lock: a put wakes one eater, a take wakes one baker, nobody else. */
    public static final class LockConditionBasket<E> implements Basket<E> {
        private final ArrayDeque<E> items = new ArrayDeque<>();
        private final int capacity;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();

        public LockConditionBasket(int capacity) {
            this.capacity = capacity;
        }

        // tag::idiom[]
        @Override
        public void put(E item) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                // A while, never an if: a signal (or a spurious wake-up) is a hint, not a promise.
                while (items.size() == capacity) {
                    notFull.await();
                }
                items.addLast(item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public E take() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (items.isEmpty()) {
                    notEmpty.await();
                }
                E item = items.removeFirst();
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }
        // end::idiom[]

        @Override
        public int size() {
            lock.lock();
            try {
                return items.size();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Dijkstra's bounded buffer: a ring of slots, permits counting free slots and loaves, and
     * a semaphore of one guarding the two indexes. The counting semaphores keep a baker and an
     * eater apart; the mutex keeps two bakers (or two eaters) from claiming the same slot.
     */
    public static final class SemaphoreBasket<E> implements Basket<E> {
        private final Object[] slots;
        private int putIndex;
        private int takeIndex;
        private int count;
        private final Semaphore freeSlots;
        private final Semaphore loaves = new Semaphore(0);
        private final Semaphore mutex = new Semaphore(1);
        private final Runnable insideMutex;

        public SemaphoreBasket(int capacity) {
            this(capacity, () -> { });
        }

        /** Test seam: {@code insideMutex} runs between reading an index and moving it on. */
        public SemaphoreBasket(int capacity, Runnable insideMutex) {
            this.slots = new Object[capacity];
            this.freeSlots = new Semaphore(capacity);
            this.insideMutex = insideMutex;
        }

        @Override
        public void put(E item) throws InterruptedException {
            freeSlots.acquire();
            // The indexes are held only for an instant, so this wait need not be interruptible.
            mutex.acquireUninterruptibly();
            try {
                int slot = putIndex;
                insideMutex.run();
                slots[slot] = item;
                putIndex = (slot + 1) % slots.length;
                count++;
            } finally {
                mutex.release();
            }
            loaves.release();
        }

        @Override
        public E take() throws InterruptedException {
            loaves.acquire();
            mutex.acquireUninterruptibly();
            E item;
            try {
                int slot = takeIndex;
                insideMutex.run();
                @SuppressWarnings("unchecked")
                E loaf = (E) slots[slot];
                item = loaf;
                slots[slot] = null;
                takeIndex = (slot + 1) % slots.length;
                count--;
            } finally {
                mutex.release();
            }
            freeSlots.release();
            return item;
        }

        @Override
        public int size() {
            mutex.acquireUninterruptibly();
            try {
                return count;
            } finally {
                mutex.release();
            }
        }
    }

    /** The baseline: the JDK's bounded queue is the lock-and-two-conditions basket, already written. */
    public static final class BlockingQueueBasket<E> implements Basket<E> {
        private final ArrayBlockingQueue<E> queue;

        public BlockingQueueBasket(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        @Override
        public void put(E item) throws InterruptedException {
            queue.put(item);
        }

        @Override
        public E take() throws InterruptedException {
            return queue.take();
        }

        @Override
        public int size() {
            return queue.size();
        }
    }

    public record Bread(String name) {
    }

    /** Tells an eater that the bakers are done; compared by identity. */
    public static final Bread NO_MORE_BREAD = new Bread("no more bread");

    /** The loaves baked, what each eater ate, and the most loaves a baker saw in the basket. */
    public record Outcome(List<Bread> baked, Map<String, List<Bread>> eatenBy, int maxSize) {
    }

    /** Bakers P1..P3 bake {@code perBaker} loaves each; eaters C1, C2 eat until a NO_MORE_BREAD. */
    public static Outcome bakery(Basket<Bread> basket, int perBaker, Duration bake, Duration eat)
            throws InterruptedException {
        var counter = new AtomicInteger();
        var maxSize = new AtomicInteger();
        var baked = new ArrayList<Bread>();
        var bakers = new ArrayList<Thread>();
        for (String name : List.of("P1", "P2", "P3")) {
            bakers.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    for (int i = 0; i < perBaker; i++) {
                        Thread.sleep(bake);
                        var bread = new Bread(name + "_" + counter.getAndIncrement());
                        basket.put(bread);
                        int size = basket.size();
                        maxSize.accumulateAndGet(size, Math::max);
                        synchronized (baked) {
                            baked.add(bread);
                        }
                        log.info(">>{} made {}, size: {}", name, bread.name(), size);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        var eatenBy = new LinkedHashMap<String, List<Bread>>();
        var eaters = new ArrayList<Thread>();
        for (String name : List.of("C1", "C2")) {
            var mine = new ArrayList<Bread>();
            eatenBy.put(name, mine);
            eaters.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    for (var bread = basket.take(); bread != NO_MORE_BREAD; bread = basket.take()) {
                        mine.add(bread);
                        log.info(">>{} eats {}, size: {}", name, bread.name(), basket.size());
                        Thread.sleep(eat);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            for (Thread baker : bakers) {
                baker.join();
            }
            // The seed runs for ever; here the bakers stop, and one pill per eater ends the meal.
            for (int i = 0; i < eaters.size(); i++) {
                basket.put(NO_MORE_BREAD);
            }
            for (Thread eater : eaters) {
                eater.join();
            }
        } finally {
            bakers.forEach(Thread::interrupt);
            eaters.forEach(Thread::interrupt);
        }
        synchronized (baked) {
            return new Outcome(List.copyOf(baked), Map.copyOf(eatenBy), maxSize.get());
        }
    }

    /**
     * Two eaters wait on an empty basket, then one loaf arrives. Once one eater is done, the
     * other gets {@code grace} to finish too, then is interrupted. Returns what each ended
     * with: "ate ...", "failed: ..." or "still waiting".
     */
    public static List<String> twoEatersOneLoaf(Basket<Bread> basket, Duration grace) throws InterruptedException {
        var names = List.of("eater-1", "eater-2");
        var results = new ConcurrentHashMap<String, String>();
        var oneDone = new CountDownLatch(1);
        var eaters = new ArrayList<Thread>();
        for (String name : names) {
            eaters.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    results.put(name, "ate " + basket.take().name());
                } catch (InterruptedException e) {
                    results.put(name, "still waiting");
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    results.put(name, "failed: " + e.getClass().getSimpleName());
                } finally {
                    oneDone.countDown();
                }
            }));
        }
        try {
            // Both must be inside wait() before the loaf arrives, or there is no story to tell.
            for (Thread eater : eaters) {
                while (eater.getState() != Thread.State.WAITING) {
                    Thread.sleep(1);
                }
            }
            basket.put(new Bread("the only loaf"));
            oneDone.await();
            for (Thread eater : eaters) {
                eater.join(grace);
            }
        } finally {
            for (Thread eater : eaters) {
                eater.interrupt();
                eater.join();
            }
        }
        var ended = names.stream().map(results::get).toList();
        log.info("{}: {}", basket.getClass().getSimpleName(), ended);
        return ended;
    }

    public static void main(String[] args) throws InterruptedException {
        List<Basket<Bread>> baskets = List.of(new MonitorBasket<>(5), new LockConditionBasket<>(5),
                new SemaphoreBasket<>(5), new BlockingQueueBasket<>(5));
        for (var basket : baskets) {
            log.info("--- {} ---", basket.getClass().getSimpleName());
            var outcome = bakery(basket, 4, Duration.ofMillis(50), Duration.ofMillis(150));
            log.info("{}: {} loaves baked, {} eaten, at most {} in the basket", basket.getClass().getSimpleName(),
                    outcome.baked().size(), outcome.eatenBy().values().stream().mapToInt(List::size).sum(),
                    outcome.maxSize());
        }
        log.info("--- one loaf, two waiting eaters: a while re-checks, an if does not ---");
        twoEatersOneLoaf(new MonitorBasket<>(5), Duration.ofMillis(500));
        twoEatersOneLoaf(new BrokenIfWaitBasket<>(5), Duration.ofMillis(500));
    }
}
