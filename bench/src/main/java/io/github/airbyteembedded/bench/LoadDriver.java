package io.github.airbyteembedded.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The load generator: the JDK's {@link HttpClient} (HTTP/1.1, asynchronous, one connection per
 * request in flight), in three shapes: a closed loop of virtual users, a paced open loop, and a burst
 * of requests sent all at once.
 */
final class LoadDriver implements AutoCloseable {

    /** Classifies one answer (or failure) as {@link Outcomes#OK} or a failure kind. */
    interface Classifier {
        String classify(HttpResponse<byte[]> response, Throwable failure);
    }

    /** One answered request: its outcome and how long it took. */
    record Sample(String outcome, long nanos) {
    }

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private final ExecutorService executor;
    private final HttpClient client;

    LoadDriver() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "load-driver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(completesOnTheCommonPool() ? Runnable::run : executor)
                .build();
    }

    /**
     * Gives the common pool 2 threads on a JVM with fewer than 3 processors, unless it was set with
     * -D: the JDK's {@code HttpClient} completes every {@code sendAsync} on {@code CompletableFuture}'s
     * default executor, which there would otherwise be a new thread per task, i.e. per answer. Called
     * first thing in {@code main}, before anything uses the common pool, and only where this JVM is the
     * load client alone (the in-process scenarios keep the JVM's defaults, as their apps run in it).
     */
    static void useTheCommonPoolOnFewProcessors() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    /**
     * Whether answers complete on the common pool: then the client's own tasks run on its selector
     * thread ({@code Runnable::run}), as the library's client does, rather than being handed to a pool
     * first; otherwise (a thread per answer already) they go to a cached pool.
     */
    static boolean completesOnTheCommonPool() {
        return new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool;
    }

    /** How the client completes its answers, for the reports. */
    static String describe() {
        return "JDK HttpClient, HTTP/1.1, common pool parallelism " + ForkJoinPool.getCommonPoolParallelism()
                + (completesOnTheCommonPool() ? ", its tasks on its selector thread, answers on the common pool"
                        : ", its tasks on a cached pool, answers each on a new thread (CompletableFuture's default executor)");
    }

    /** A token request from {@code user} on a page of {@code origin}, with the small JSON body browsers send. */
    static HttpRequest tokenRequest(URI uri, String user, String origin, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Origin", origin)
                .header(BenchApp.USER_HEADER, user)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    static HttpRequest pageRequest(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    }

    /**
     * A closed loop: {@code users} virtual users each send their next request when the previous one is
     * answered, for {@code warmup} then {@code measure}. Answers that arrive within the measured window
     * are counted (whenever they were sent), so queueing does not bias throughput.
     */
    RunResult closedLoop(int users, IntFunction<HttpRequest> requestOfUser, Classifier classifier,
            Duration warmup, Duration measure) throws InterruptedException {
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long until = from + measure.toNanos();
        RunResult result = new RunResult(measure.toNanos() / 1e9);
        CountDownLatch finished = new CountDownLatch(users);
        for (int user = 0; user < users; user++) {
            int id = user;
            new Runnable() {
                @Override
                public void run() {
                    long sent = System.nanoTime();
                    if (sent >= until) {
                        finished.countDown();
                        return;
                    }
                    client.sendAsync(requestOfUser.apply(id), HttpResponse.BodyHandlers.ofByteArray())
                            .whenComplete((response, failure) -> {
                                long answered = System.nanoTime();
                                String outcome = classifier.classify(response, failure);
                                result.recordTotal(outcome);
                                if (answered >= from && answered <= until) {
                                    result.recordMeasured(outcome, answered - sent);
                                }
                                if (failure != null) {
                                    executor.execute(this); // never recurse on an immediate failure
                                } else {
                                    run();
                                }
                            });
                }
            }.run();
        }
        if (!finished.await(warmup.plus(measure).toSeconds() + 180, TimeUnit.SECONDS)) {
            throw new IllegalStateException("virtual users still waiting 3 minutes after the run");
        }
        return result;
    }

    /**
     * An open loop: {@code perSecond} requests a second, sent on schedule whether or not earlier ones
     * were answered, for {@code duration}; then waits for every answer. Every answer is measured.
     */
    RunResult paced(int perSecond, Duration duration, Supplier<HttpRequest> request, Classifier classifier)
            throws InterruptedException {
        int total = (int) (perSecond * duration.toMillis() / 1000);
        RunResult result = new RunResult(duration.toNanos() / 1e9);
        CountDownLatch answered = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        runPaced(perSecond, duration, answered, () -> {
            if (sent.getAndIncrement() < total) {
                sendMeasured(request.get(), result, classifier, answered);
            }
        });
        return result;
    }

    /**
     * Two paced open loops at once, for a paired comparison: at each tick one request goes to each
     * target (which one first alternates), so that whatever else happens on the machine happens to
     * both. Returns the two results, in the order of the suppliers.
     */
    RunResult[] pacedPair(int perSecond, Duration duration, Supplier<HttpRequest> first, Supplier<HttpRequest> second,
            Classifier classifier) throws InterruptedException {
        int total = (int) (perSecond * duration.toMillis() / 1000);
        RunResult[] results = {new RunResult(duration.toNanos() / 1e9), new RunResult(duration.toNanos() / 1e9)};
        List<Supplier<HttpRequest>> targets = List.of(first, second);
        CountDownLatch answered = new CountDownLatch(2 * total);
        AtomicInteger ticks = new AtomicInteger();
        runPaced(perSecond, duration, answered, () -> {
            int tick = ticks.getAndIncrement();
            if (tick >= total) {
                return;
            }
            for (int i = 0; i < 2; i++) {
                int target = (tick + i) % 2;
                sendMeasured(targets.get(target).get(), results[target], classifier, answered);
            }
        });
        return results;
    }

    /** Runs {@code tick} {@code perSecond} times a second on one scheduler thread until every request was answered. */
    private static void runPaced(int perSecond, Duration duration, CountDownLatch answered, Runnable tick)
            throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-driver-ticker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ScheduledFuture<?> schedule = ticker.scheduleAtFixedRate(tick, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            boolean done = answered.await(duration.toSeconds() + 180, TimeUnit.SECONDS);
            schedule.cancel(false);
            if (!done) {
                throw new IllegalStateException("paced requests still unanswered 3 minutes after the run");
            }
        } finally {
            ticker.shutdownNow();
        }
    }

    /** Sends one request; its outcome and latency (from now) go to {@code result}, every one measured. */
    private void sendMeasured(HttpRequest request, RunResult result, Classifier classifier, CountDownLatch answered) {
        long start = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> {
                    String outcome = classifier.classify(response, failure);
                    result.recordTotal(outcome);
                    result.recordMeasured(outcome, System.nanoTime() - start);
                    answered.countDown();
                });
    }

    /** Sends every request at once (as fast as the client accepts them); each future is its answer. */
    List<CompletableFuture<Sample>> burst(List<HttpRequest> requests, Classifier classifier) {
        List<CompletableFuture<Sample>> answers = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            long start = System.nanoTime();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, failure) -> new Sample(classifier.classify(response, failure), System.nanoTime() - start)));
        }
        return answers;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
