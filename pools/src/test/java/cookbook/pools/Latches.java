package cookbook.pools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test-only: hold a task until the test opens a latch, failing instead of hanging. */
final class Latches {
    private Latches() {
    }

    /** Waits up to 10 s for {@code latch} to open; an assertion error if the test never opens it. */
    static void awaitOpen(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the held task go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while held", e);
        }
    }
}
