package cookbook.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the harness reads from Linux's {@code /proc} to tell a quiet run from a noisy one: the
 * machine's busy CPU time ({@code /proc/stat}) and the CPU time of this JVM and of the children
 * it has waited for ({@code /proc/self/stat}: utime, stime, cutime, cstime). A child's processes
 * that it waited for (Python's pool workers, a recipe's child JVMs) count as the child's.
 * Busy time not accounted for by this JVM or its children was taken by someone else.
 * Off Linux every reading is zero: runs are never marked noisy and nobody waits.
 */
final class Machine {
    /** Linux reports these counters in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    static final double TICK_MS = 10.0;

    /** Above this many cores' worth of other processes' CPU, a run is noisy or a machine is busy. */
    static final double NOISE_CORES = 0.3;

    record Snapshot(long busyTicks, long ownTicks, long nanos) {
        /** Cores' worth of CPU that other processes used between {@code this} and {@code later}. */
        double otherCores(Snapshot later) {
            double wallMs = (later.nanos - nanos) / 1e6;
            if (wallMs <= 0) {
                return 0;
            }
            long other = (later.busyTicks - busyTicks) - (later.ownTicks - ownTicks);
            return Math.max(0, other * TICK_MS / wallMs);
        }
    }

    private Machine() {
    }

    static Snapshot snapshot() {
        return new Snapshot(busyTicks(), ownTicks(), System.nanoTime());
    }

    /** Waits, up to {@code patience}, for half a second in which others use under {@link #NOISE_CORES}. */
    static boolean awaitQuiet(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            Snapshot before = snapshot();
            Thread.sleep(500);
            if (before.otherCores(snapshot()) < NOISE_CORES) {
                return true;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    static String loadAverage() {
        String text = read("/proc/loadavg");
        return text.isBlank() ? "unknown" : String.join(" ", text.strip().split(" ")).replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
    }

    static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(System.getProperty("os.arch"));
    }

    /** user + nice + system + irq + softirq + steal, over all cores (the first line of /proc/stat). */
    private static long busyTicks() {
        String[] f = read("/proc/stat").lines().findFirst().orElse("cpu 0 0 0 0 0 0 0 0").trim().split("\\s+");
        if (f.length < 9) {
            return 0;
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    }

    /** utime + stime + cutime + cstime of this JVM (fields 14 to 17 of /proc/self/stat). */
    private static long ownTicks() {
        String text = read("/proc/self/stat");
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        // Fields after the command name, which may contain spaces, start at field 3 (state).
        String[] f = text.substring(close + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
