package cookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THR-06. Python original: two MyThread objects add their number to a global gnum, append it
 * to one list passed to both, and bump their own self.num, showing what is shared.
 *
 * <p>In Java the three kinds of data are: a {@code static} field (one for the whole class,
 * shared by every thread), an instance field (one per thread object), and a reference
 * passed to both threads (they share the object it points to). A local variable, or a
 * lambda's capture, stays with one thread. What to notice: after both joins,
 * {@code gnum} saw both additions, each thread's {@code num} saw only its own, and the one
 * list holds both appends.
 */
public final class WhatThreadsShare {
    private static final Logger log = LoggerFactory.getLogger(WhatThreadsShare.class);

    /** Shared by every thread: there is one per class, not one per object. */
    static int gnum;

    /** What one thread saw right after its update. */
    public record Seen(String thread, int gnum, int num, List<Integer> list) {
    }

    /**
     * The final state after both joins: the static, each thread's own field, the shared
     * list, whether both threads really held the same list object, and what each saw.
     */
    public record Outcome(int gnum, int firstNum, int secondNum, List<Integer> sharedList,
                          boolean sameListObject, List<Seen> seen) {
    }

    // tag::idiom[]
    /** Python's MyThread: a number of its own, a list it was handed, a nap before the update. */
    static final class SharingThread extends Thread {
        private int num;
        private final List<Integer> numbers;
        private final Duration nap;
        private final CountDownLatch myTurn;
        // Opened once this thread has had its turn, whatever happened: the next one waits on it.
        final CountDownLatch done = new CountDownLatch(1);
        private final List<Seen> seen;

        SharingThread(String name, int num, List<Integer> numbers, Duration nap, CountDownLatch myTurn, List<Seen> seen) {
            super(name);
            this.num = num;
            this.numbers = numbers;
            this.nap = nap;
            this.myTurn = myTurn;
            this.seen = seen;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(nap);
                // The seed relies on 1 s versus 5 s naps to keep the two updates apart. A latch
                // makes the order certain on a loaded machine too, and is the happens-before
                // edge that lets the unsynchronised gnum += below see the other thread's write.
                myTurn.await();
                gnum += num;
                numbers.add(num);
                num += 1;
                seen.add(new Seen(getName(), gnum, num, List.copyOf(numbers)));
                log.info("gnum={} num={} list={}", gnum, num, numbers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }
    }
    // end::idiom[]

    private WhatThreadsShare() {
    }

    /** Runs the seed's two threads: (100, nap) then (200, 5 x nap), sharing one list. */
    public static Outcome run(Duration nap) throws InterruptedException {
        gnum = 1;
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>(List.of(0, 1, 2, 3, 4)));
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        var first = new SharingThread("thread-1", 100, numbers, nap, new CountDownLatch(0), seen);
        var second = new SharingThread("thread-2", 200, numbers, nap.multipliedBy(5), first.done, seen);
        first.start();
        second.start();
        first.join();
        second.join();
        // join() makes both threads' writes (gnum, num, the list) visible here.
        return new Outcome(gnum, first.num, second.num, List.copyOf(numbers),
                first.numbers == second.numbers && first.numbers == numbers, List.copyOf(seen));
    }

    public static void main(String[] args) throws InterruptedException {
        var outcome = run(Duration.ofMillis(300));
        log.info("after both joins: gnum={} (shared), thread-1 num={}, thread-2 num={} (one each), list={} (shared)",
                outcome.gnum(), outcome.firstNum(), outcome.secondNum(), outcome.sharedList());
    }
}
