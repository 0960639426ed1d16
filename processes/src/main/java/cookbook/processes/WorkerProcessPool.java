package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROC-15. Python original: {@code Pool(5)} runs ten {@code apply_async(Foo, (i,), callback=Bar)} tasks
 * that sleep and return {@code i + 100}; {@code end} prints first, results arrive in waves of five, and
 * the callbacks run in the parent.
 *
 * <p>The JDK has no process pool, so here is a small one: {@code size} long-lived worker JVMs, each fed
 * one task per line on its stdin ({@code <id> <task> <arg>}) and answering one line on its stdout
 * ({@code <id> ok <pid> <result>}). In the parent, one I/O thread per worker takes the next task from a
 * shared queue, sends it, waits for the answer with a deadline and completes the task's future; so
 * callbacks run on those parent threads, as Python's run on its result-handler thread. A worker that
 * dies, answers garbage or stays silent past the task's timeout fails that task with a clear error and
 * is replaced by a fresh JVM, so later tasks still run; {@link #close()} fails whatever has not run.
 * No future is ever left incomplete.
 */
public final class WorkerProcessPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcessPool.class);
    private static final Pattern OK = Pattern.compile("(\\d+) ok (\\d{1,18}) (.*)");
    private static final Pattern ERROR = Pattern.compile("(\\d+) error (.*)");

    /** A task's answer, and which worker JVM computed it. */
    public record Result(String value, long workerPid) {
    }

    private record Task(long id, String name, String arg, Duration timeout, CompletableFuture<Result> result) {
        void fail(String why) {
            result.completeExceptionally(new IllegalStateException(why));
        }
    }

    private final BlockingQueue<Task> pending = new LinkedBlockingQueue<>();
    /** The worker now in each place of the pool; an I/O thread swaps in a fresh one when its worker fails. */
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final List<Thread> io = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Path dir;
    private final Duration timeout;
    private volatile boolean closed;

    private WorkerProcessPool(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    /**
     * Starts {@code size} workers in {@code dir} and returns once every one has said it is ready.
     * {@code timeout} bounds each worker's start-up, and each answer to a task submitted without its own.
     */
    public static WorkerProcessPool start(int size, Path dir, Duration timeout) throws IOException, InterruptedException {
        var pool = new WorkerProcessPool(dir, timeout);
        try {
            // All JVMs start at once; then each must say it is ready.
            for (int i = 0; i < size; i++) {
                pool.workers.add(Worker.launch(i, dir));
            }
            for (Worker worker : pool.workers) {
                worker.awaitReady(timeout);
            }
            for (int i = 0; i < size; i++) {
                int place = i;
                pool.io.add(Thread.ofPlatform().name("pool-worker-" + i + "-io").start(() -> pool.serve(place)));
            }
            return pool;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Python's {@code apply_async(..., callback=...)}: the callback is attached before the task can run. */
    public CompletableFuture<Result> applyAsync(String task, String arg, Consumer<Result> callback) {
        return submit(task, arg, timeout, callback);
    }

    /** Python's {@code apply}: blocks until the answer, which must come within {@code timeout} of the task's start. */
    public Result apply(String task, String arg, Duration timeout) throws InterruptedException {
        return await(submit(task, arg, timeout, r -> { }));
    }

    /** Python's {@code map}: results in input order, whichever worker finished first; the first failure is thrown. */
    public List<Result> map(String task, List<String> args, Duration timeout) throws InterruptedException {
        var futures = args.stream().map(arg -> submit(task, arg, timeout, r -> { })).toList();
        var results = new ArrayList<Result>();
        for (var future : futures) {
            results.add(await(future));
        }
        return results;
    }

    private static Result await(CompletableFuture<Result> future) throws InterruptedException {
        try {
            // No timeout needed here: every task's future completes (answer, error, its timeout, or close).
            return future.get();
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private CompletableFuture<Result> submit(String name, String arg, Duration timeout, Consumer<Result> callback) {
        var result = new CompletableFuture<Result>();
        // Attached first, so it runs on the I/O thread that completes the task; a thenAccept added to a
        // future that is already done would run on the caller instead.
        var withCallback = result.thenApply(r -> {
            callback.accept(r);
            return r;
        });
        pending.add(new Task(ids.incrementAndGet(), name, arg, timeout, result));
        if (closed) {
            // close() may have drained the queue just before this task arrived: fail it here instead.
            failPending();
        }
        return withCallback;
    }

    // tag::idiom[]
    /** One I/O thread per place: take a task, send it, wait for its answer with a deadline. */
    private void serve(int place) {
        Task task = null;
        try {
            while (true) {
                task = pending.take();
                Worker worker = workers.get(place);
                // The last worker died, or failed a task: a fresh one takes its place.
                if (!worker.process.isAlive() && (worker = replace(place, task)) == null) {
                    task = null;
                    continue;
                }
                worker.stdin.println(task.id() + " " + task.name() + " " + task.arg());
                String answer = worker.next(task.timeout());
                var ok = OK.matcher(answer == null ? "" : answer);
                var error = ERROR.matcher(answer == null ? "" : answer);
                String id = Long.toString(task.id());
                if (ok.matches() && ok.group(1).equals(id)) {
                    task.result().complete(new Result(ok.group(3), Long.parseLong(ok.group(2))));
                } else if (error.matches() && error.group(1).equals(id)) {
                    task.result().completeExceptionally(new IllegalArgumentException(
                            "worker " + worker.process.pid() + " rejected task '" + task.name() + "': " + error.group(2)));
                } else {
                    // Silent past the deadline, dead, or off-protocol: this worker is done.
                    worker.stop(true);
                    task.fail(worker.failure(task, answer));
                }
                task = null;
            }
        } catch (InterruptedException closing) {
            if (task != null) {
                task.fail("pool closed while task '" + task.name() + "' was running");
            }
        } finally {
            workers.get(place).stop(task != null);
        }
    }
    // end::idiom[]

    /** Starts a fresh worker in {@code place}; if none will start, fails {@code task} with the reason. */
    private Worker replace(int place, Task task) throws InterruptedException {
        try {
            Worker fresh = Worker.launch(place, dir);
            workers.set(place, fresh);
            fresh.awaitReady(timeout);
            log.info("worker {} takes place {}", fresh.process.pid(), place);
            return fresh;
        } catch (IOException | IllegalStateException e) {
            task.fail("no worker could be started for task '" + task.name() + "': " + e.getMessage());
            return null;
        }
    }

    /** The pids of the worker JVMs alive now: a failed worker's pid leaves the set, its successor's joins. */
    public Set<Long> workerPids() {
        return workers.stream().filter(w -> w.process.isAlive()).map(w -> w.process.pid()).collect(Collectors.toSet());
    }

    /** The pool's I/O threads, on which every callback runs. */
    Set<Thread> ioThreads() {
        return Set.copyOf(io);
    }

    /** Stops taking tasks, fails the ones that have not finished, and stops every worker. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        io.forEach(Thread::interrupt);
        for (Thread thread : io) {
            thread.join();
        }
        if (io.isEmpty()) {
            // start() failed before any I/O thread ran: stop its workers here.
            workers.forEach(w -> w.stop(true));
        }
        failPending();
    }

    private void failPending() {
        Task left;
        while ((left = pending.poll()) != null) {
            left.fail("pool closed before task '" + left.name() + "' ran");
        }
    }

    /** The parent's side of one worker JVM: its process, its stdin, and the lines its stdout has said so far. */
    private static final class Worker {
        /** Added when stdout ends; readLine never returns a line break, so no real line can equal it. */
        static final String EOF = "\n";
        final Process process;
        final Path stderr;
        final PrintWriter stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread stdout;

        private Worker(Process process, Path stderr, String name) {
            this.process = process;
            this.stderr = stderr;
            this.stdin = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
            this.stdout = Thread.ofPlatform().name(name).unstarted(this::drain);
        }

        /** Starts a worker JVM for {@code place}; its stderr goes (appended) to that place's file. */
        static Worker launch(int place, Path dir) throws IOException {
            Path stderr = dir.resolve("pool-worker-" + place + ".err");
            var worker = new Worker(WorkerProcessPool.launch(WorkerMain.class, stderr), stderr, "pool-worker-" + place + "-stdout");
            worker.stdout.start();
            return worker;
        }

        /** Reads stdout as it comes, so that the pool can wait for a line with a deadline. */
        private void drain() {
            try (var out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // Destroyed while reading: the exit code and stderr tell what happened.
            }
            lines.add(EOF);
        }

        /** The next line, {@link #EOF} once the worker has exited, or null if nothing came in time. */
        String next(Duration timeout) throws InterruptedException {
            return lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Fails (and stops the worker) unless its first line, within {@code timeout}, is {@code ready <pid>}. */
        void awaitReady(Duration timeout) throws InterruptedException {
            String first = next(timeout);
            if (first == null || !first.startsWith("ready ")) {
                stop(true);
                String said = first == null ? "nothing within " + human(timeout) : first.equals(EOF) ? "nothing before it ended"
                        : "'" + first + "' first";
                throw new IllegalStateException("worker " + process.pid() + " did not say it was ready: it said " + said
                        + " (" + exit() + "); check that this JDK's java starts with this class path and that nothing"
                        + " else writes to its stdout. Its stderr ends with:\n" + tail(stderr));
            }
        }

        /** An idle worker exits at the end of its stdin; a busy or silent one is destroyed. */
        void stop(boolean now) {
            stdin.close();
            try {
                if (!now) {
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                // A no-op for a worker that has exited; the end for one that is busy or silent.
                process.destroyForcibly().waitFor();
                stdout.join();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        /** Why {@code task} failed on this worker, now stopped: one line, then the end of its stderr. */
        String failure(Task task, String answer) {
            String what = answer == null ? "gave no answer to task '" + task.name() + "' within " + human(task.timeout())
                    + ", so it was destroyed" : answer.equals(EOF) ? "died while running task '" + task.name() + "'"
                    : "answered garbage to task '" + task.name() + "' ('" + answer + "'), so it was destroyed";
            return "worker " + process.pid() + " " + what + " (" + exit() + "); the next task starts a fresh worker."
                    + " Its stderr ends with:\n" + tail(stderr);
        }

        String exit() {
            return process.isAlive() ? "still running" : "exit code " + process.exitValue();
        }
    }

    /** The worker JVM: one task per stdin line, one answer per stdout line, until stdin ends. */
    public static final class WorkerMain {
        private static PrintStream protocol;

        public static void main(String[] args) throws IOException, InterruptedException {
            // stdout carries the protocol. Point System.out at stderr so nothing else that prints (a logging
            // library starting up when a class of this file is initialised) can corrupt it.
            protocol = System.out;
            System.setOut(System.err);
            long pid = ProcessHandle.current().pid();
            // A worker busy on a task does not read stdin, so it would not see the end that a dead parent's
            // pipe gives. Watch the parent itself too (PROC-06's idiom): a parent killed with SIGKILL leaves
            // no worker behind, idle or busy.
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
                System.err.println("worker " + pid + " exits: its parent " + parent.pid() + " ended");
                System.exit(4);
            }));
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            answer("ready " + pid);
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ", 3);
                String id = words[0];
                String task = words.length > 1 ? words[1] : "";
                String arg = words.length > 2 ? words[2] : "";
                try {
                    switch (task) {
                        // The seed's Foo: sleep, then return i + 100. The argument is "i,millis".
                        case "plus100" -> {
                            String[] parts = arg.split(",");
                            Thread.sleep(Long.parseLong(parts[1]));
                            answer(id + " ok " + pid + " " + (Integer.parseInt(parts[0]) + 100));
                        }
                        case "square" -> answer(id + " ok " + pid + " " + Math.multiplyExact(Long.parseLong(arg), Long.parseLong(arg)));
                        // A library that prints on System.out: harmless, since System.out is stderr here.
                        case "chatty" -> {
                            System.out.println("worker " + pid + ": a library talking on System.out");
                            answer(id + " ok " + pid + " " + arg);
                        }
                        // Misbehaviours a real worker can show; the pool must turn each into a clear error.
                        case "crash" -> {
                            System.err.println("worker " + pid + " crashing on purpose");
                            System.exit(3);
                        }
                        case "hang" -> {
                            System.err.println("worker " + pid + " hangs on purpose");
                            Thread.sleep(Long.MAX_VALUE);
                        }
                        case "garbage" -> answer("this is not the protocol");
                        default -> answer(id + " error unknown task '" + task + "'");
                    }
                } catch (RuntimeException bad) {
                    // Bad input is the task's error, not the worker's end.
                    answer(id + " error bad argument '" + arg + "' for " + task + ": " + bad);
                }
            }
            System.err.println("worker " + pid + " exits: its stdin ended");
        }

        private static void answer(String line) {
            protocol.println(line);
            protocol.flush();
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                // stdout is the protocol: keep the JVM's own log lines (even ones JAVA_TOOL_OPTIONS asks for) off it.
                "-Xlog:disable", "-Xlog:all=warning:stderr", main.getName()));
        command.addAll(List.of(args));
        // Appended, so a replaced worker's last words stay in the slot's file after its successor starts.
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("process-pool");
        try (var pool = start(5, dir, Duration.ofSeconds(30))) {
            var futures = new ArrayList<CompletableFuture<Result>>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.applyAsync("plus100", i + ",2000", r -> log.info("-->exec done: {} (worker {})",
                        r.value(), r.workerPid())));
            }
            // Logged before any callback: applyAsync only queues the task.
            log.info("end");
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            log.info("apply(square, 7) = {}", pool.apply("square", "7", Duration.ofSeconds(10)).value());
            log.info("map(square, 1..5) = {}", pool.map("square", List.of("1", "2", "3", "4", "5"),
                    Duration.ofSeconds(10)).stream().map(Result::value).toList());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
