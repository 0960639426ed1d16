package cookbook.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * shared queue, sends it, reads the answer and completes the task's future; so callbacks run on those
 * parent threads, as Python's run on its result-handler thread. A worker that crashes, hangs or
 * answers garbage fails its task with the exit code and the tail of its stderr; it never hangs the caller.
 */
public final class WorkerProcessPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcessPool.class);

    /** A task's answer, and which worker JVM computed it. */
    public record Result(String value, long workerPid) {
    }

    private record Task(long id, String name, String arg, CompletableFuture<Result> result) {
    }

    private final BlockingQueue<Task> pending = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private WorkerProcessPool() {
    }

    /** Starts {@code size} workers in {@code dir} and returns once every one has said it is ready. */
    public static WorkerProcessPool start(int size, Path dir, Duration timeout) throws IOException, InterruptedException {
        var pool = new WorkerProcessPool();
        var ready = new CountDownLatch(size);
        try {
            for (int i = 0; i < size; i++) {
                pool.workers.add(pool.new Worker(i, dir.resolve("pool-worker-" + i + ".err"), ready));
            }
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("workers not ready after " + timeout);
            }
            return pool;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Python's {@code apply_async(..., callback=...)}: the callback is attached before the task can run. */
    public CompletableFuture<Result> applyAsync(String task, String arg, Consumer<Result> callback) {
        var result = new CompletableFuture<Result>();
        // Attached first, so it always runs on the worker's I/O thread; a thenAccept added to a future
        // that is already done would run on the caller instead.
        var withCallback = result.thenApply(r -> {
            callback.accept(r);
            return r;
        });
        pending.add(new Task(ids.incrementAndGet(), task, arg, result));
        return withCallback;
    }

    /** Python's {@code apply}: blocks; a worker that does not answer in time is destroyed. */
    public Result apply(String task, String arg, Duration timeout) throws InterruptedException, IOException {
        var result = new CompletableFuture<Result>();
        var submitted = new Task(ids.incrementAndGet(), task, arg, result);
        pending.add(submitted);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            for (Worker w : workers) {
                if (w.current == submitted) {
                    w.process.destroyForcibly().waitFor();
                    throw new IllegalStateException("task '" + task + "' got no answer within " + timeout
                            + " from worker " + w.process.pid() + "; destroyed it. stderr tail:\n" + tail(w.stderr));
                }
            }
            throw new IllegalStateException("task '" + task + "' was not picked up within " + timeout);
        }
    }

    /** Python's {@code map}: results in input order, whichever worker finished first. */
    public List<Result> map(String task, List<String> args, Duration timeout) throws InterruptedException {
        var futures = args.stream().map(arg -> applyAsync(task, arg, r -> { })).toList();
        var results = new ArrayList<Result>();
        for (var future : futures) {
            try {
                results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("map of '" + task + "' failed: " + e, e);
            }
        }
        return results;
    }

    public Set<Long> workerPids() {
        return workers.stream().map(w -> w.process.pid()).collect(Collectors.toSet());
    }

    /** Closes every worker's stdin (they exit on EOF), then destroys any that linger, and joins the I/O threads. */
    @Override
    public void close() throws InterruptedException {
        for (Worker w : workers) {
            w.io.interrupt();
            w.stdin.close();
        }
        for (Worker w : workers) {
            if (!w.process.waitFor(Duration.ofSeconds(5))) {
                w.process.destroyForcibly();
            }
            w.io.join();
        }
        Task left;
        while ((left = pending.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("pool closed before task ran"));
        }
    }

    /** The parent's side of one worker JVM. */
    private final class Worker {
        final Process process;
        final PrintWriter stdin;
        final Path stderr;
        final Thread io;
        volatile Task current;

        Worker(int index, Path stderr, CountDownLatch ready) throws IOException {
            this.stderr = stderr;
            this.process = launch(WorkerMain.class, stderr);
            this.stdin = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
            this.io = Thread.ofPlatform().name("pool-worker-" + index + "-io").start(() -> serve(ready));
        }

        private void serve(CountDownLatch ready) {
            try (BufferedReader stdout = process.inputReader(StandardCharsets.UTF_8)) {
                if (stdout.readLine() == null) {
                    return;
                }
                ready.countDown();
                while (true) {
                    Task task = pending.take();
                    current = task;
                    stdin.println(task.id() + " " + task.name() + " " + task.arg());
                    String answer = stdout.readLine();
                    if (answer == null) {
                        process.waitFor(5, TimeUnit.SECONDS);
                        fail(task, "worker " + process.pid() + " ended while running task '" + task.name()
                                + "' (exit code " + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
                        return;
                    }
                    String[] words = answer.split(" ", 4);
                    if (words.length == 4 && words[0].equals(Long.toString(task.id())) && words[1].equals("ok")) {
                        task.result().complete(new Result(words[3], Long.parseLong(words[2])));
                    } else if (words.length >= 3 && words[0].equals(Long.toString(task.id())) && words[1].equals("error")) {
                        task.result().completeExceptionally(new IllegalArgumentException(
                                "worker " + process.pid() + " rejected task '" + task.name() + "': " + answer));
                    } else {
                        // A worker that breaks the protocol cannot be trusted with the next task either.
                        process.destroyForcibly().waitFor();
                        fail(task, "worker " + process.pid() + " answered garbage to task '" + task.name()
                                + "': '" + answer + "'");
                        return;
                    }
                    current = null;
                }
            } catch (InterruptedException e) {
                // close(): stop taking tasks.
            } catch (IOException e) {
                Task task = current;
                if (task != null) {
                    fail(task, "lost worker " + process.pid() + ": " + e);
                }
            }
        }

        private void fail(Task task, String what) {
            String tail;
            try {
                tail = tail(stderr);
            } catch (IOException e) {
                tail = "<unreadable: " + e + ">";
            }
            task.result().completeExceptionally(new IllegalStateException(what + "; stderr tail:\n" + tail));
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
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            answer("ready " + pid);
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.split(" ", 3);
                String id = words[0];
                String arg = words.length > 2 ? words[2] : "";
                switch (words[1]) {
                    // The seed's Foo: sleep, then return i + 100. The argument is "i,millis".
                    case "plus100" -> {
                        String[] parts = arg.split(",");
                        Thread.sleep(Long.parseLong(parts[1]));
                        answer(id + " ok " + pid + " " + (Integer.parseInt(parts[0]) + 100));
                    }
                    case "square" -> answer(id + " ok " + pid + " " + (long) Math.pow(Long.parseLong(arg), 2));
                    // Misbehaviours a real worker can show; the pool must turn each into a clear error.
                    case "crash" -> {
                        System.err.println("worker " + pid + " crashing on purpose");
                        System.exit(3);
                    }
                    case "hang" -> Thread.sleep(Long.MAX_VALUE);
                    case "garbage" -> answer("this is not the protocol");
                    default -> answer(id + " error unknown task " + words[1]);
                }
            }
        }

        private static void answer(String line) {
            protocol.println(line);
            protocol.flush();
        }
    }

    private static Process launch(Class<?> main, Path stderr, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
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
