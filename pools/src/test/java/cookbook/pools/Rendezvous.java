package cookbook.pools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test-only work for a task: wait until {@code parties} tasks are inside at once. */
final class Rendezvous {
    private Rendezvous() {
    }

    /**
     * A task body that returns only once {@code parties} tasks have entered it: proof that
     * that many ran at the same time, with no clock involved. Later tasks pass straight through.
     */
    static Runnable of(int parties) {
        var inside = new CountDownLatch(parties);
        return () -> {
            inside.countDown();
            try {
                assertTrue(inside.await(10, TimeUnit.SECONDS), "fewer than " + parties + " tasks ever ran together");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
    }
}
