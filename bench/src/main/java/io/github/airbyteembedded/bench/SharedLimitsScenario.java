package io.github.airbyteembedded.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.airbyteembedded.redis.RedisRateLimitStore;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.internal.pipeline.RateLimiter;
import io.github.airbyteembedded.servlet.internal.pipeline.SharedStoreCalls;
import io.github.airbyteembedded.servlet.internal.pipeline.UserRateLimiter;
import io.github.airbyteembedded.testkit.support.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Benchmark 6: the per-user rate limit kept in Redis ({@code airbyte-embedded-redis}) by two instances of
 * an application, against each instance's own memory (the default), with Redis on loopback (a
 * {@code redis-server} of its own, started and stopped here).
 *
 * <p>Part A, the limiter alone: the call the token route makes before anything else ({@code
 * RateLimiter.tryAcquire}, through the same {@code SharedStoreCalls} the route uses, with its 100 ms
 * timeout), timed per token by closed-loop threads that alternate between the two instances' stores and
 * spread over many users (each user far below the library's default limit, 10 a minute, so that buckets
 * live in Redis between a user's tokens); the same loop over the in-memory limiter is the baseline. Redis
 * round trips per token are the commands the two stores' Lettuce clients sent (a {@code CommandListener})
 * over the tokens taken; Redis's own {@code INFO commandstats} is shown beside them (it also counts the
 * commands a Lua script runs inside Redis). Part B, through the route: two apps with the filter (emulator
 * without added latency), the load driver alternating between them, Redis store against memory.
 */
final class SharedLimitsScenario implements Scenario {

    private static final Duration STORE_TIMEOUT = AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_STORE_TIMEOUT;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /** The library's default limit; users are many enough that few, if any, are refused. */
    private static final int PERMITS = AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERMITS;
    private static final Duration PERIOD = AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERIOD;

    private final int[] concurrency;
    private final int users;
    private final Duration warmup;
    private final Duration measure;
    private final int threads;
    private final boolean routeToo;

    SharedLimitsScenario(Options options) {
        this.concurrency = options.integers("concurrency", 1, 16, 64);
        this.users = options.integer("users", 100_000);
        this.warmup = options.seconds("warmup", 2);
        this.measure = options.seconds("measure", 5);
        this.threads = options.integer("threads", 32);
        this.routeToo = !options.flag("no-route");
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 6. Per-user limits shared through Redis%n%n");
        if (LocalRedis.locate().isEmpty()) {
            out.printf("redis-server is not installed: run scripts/ensure-redis (apt-get install -y redis-server).%n%n");
            return;
        }
        try (LocalRedis redis = LocalRedis.start()) {
            SentCommands sent = new SentCommands();
            RedisClient firstClient = client(redis, sent);
            RedisClient secondClient = client(redis, sent);
            try (RedisRateLimitStore first = RedisRateLimitStore.create(firstClient);
                    RedisRateLimitStore second = RedisRateLimitStore.create(secondClient)) {
                out.printf("Redis %s on loopback (%s, no persistence); two stores (two instances: a Lettuce client and a "
                        + "connection each); users drawn in turn from %d; limit %d per %s; store timeout %d ms; %s warm-up, "
                        + "%s measured per row.%n%n",
                        redis.command("INFO", "server").lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                                .orElse("redis_version:?").substring("redis_version:".length()).strip(),
                        redis.uri(), users, PERMITS, Table.format(PERIOD.toSeconds() / 60.0) + " min", STORE_TIMEOUT.toMillis(),
                        seconds(warmup), seconds(measure));
                awaitConnected(first);
                awaitConnected(second);
                limiterAlone(out, redis, sent, first, second);
                if (routeToo) {
                    throughTheRoute(out, sent, first, second);
                }
            } finally {
                firstClient.shutdown();
                secondClient.shutdown();
            }
        }
    }

    /** Waits until a store answers (it connects in the background when created), as an app that has been up a moment. */
    private static void awaitConnected(RedisRateLimitStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                store.tryAcquire("warm-up", "warm-up", PERMITS, PERIOD).toCompletableFuture().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Redis store did not connect within 60 s", e);
                }
                Thread.sleep(100); // a benchmark harness, not a test: a failed connect is retried at most once a second
            }
        }
    }

    /** A Lettuce client as an application would have, telling {@code sent} about every command it sends. */
    private static RedisClient client(LocalRedis redis, SentCommands sent) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.uri()));
        client.addListener(sent);
        return client;
    }

    /** Counts the commands the stores' clients sent, by command: each is one round trip to Redis. */
    private static final class SentCommands implements CommandListener {

        private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            calls.computeIfAbsent(event.getCommand().getType().toString().toLowerCase(Locale.ROOT), command -> new LongAdder())
                    .increment();
        }

        Map<String, Long> snapshot() {
            Map<String, Long> snapshot = new TreeMap<>();
            calls.forEach((command, count) -> snapshot.put(command, count.sum()));
            return snapshot;
        }
    }

    /** Part A: the limiter's call, Redis against memory. */
    private void limiterAlone(PrintStream out, LocalRedis redis, SentCommands sent, RedisRateLimitStore first,
            RedisRateLimitStore second) throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        RateLimiter[] shared = {
            new SharedStoreCalls(first, STORE_TIMEOUT, true, failures::incrementAndGet).limiter(SharedStoreCalls.TOKEN_LIMIT, PERMITS, PERIOD),
            new SharedStoreCalls(second, STORE_TIMEOUT, true, failures::incrementAndGet).limiter(SharedStoreCalls.TOKEN_LIMIT, PERMITS, PERIOD)};
        RateLimiter[] memory = {
            new UserRateLimiter(PERMITS, PERIOD, 10_000, Ticker.systemTicker()),
            new UserRateLimiter(PERMITS, PERIOD, 10_000, Ticker.systemTicker())};
        Table table = new Table("threads", "tokens (Redis)", "refused", "tokens/s (Redis)", "Redis p50 ms", "Redis p99 ms",
                "Redis max ms", "memory p50 ms", "memory p99 ms", "added p50 ms", "added p99 ms", "round trips/token",
                "commands sent", "INFO commandstats", "store failures");
        for (int threadCount : concurrency) {
            loop(shared, threadCount, warmup);
            loop(memory, threadCount, warmup);
            Map<String, Long> before = commandCalls(redis);
            Map<String, Long> sentBefore = sent.snapshot();
            long failuresBefore = failures.get();
            Loop redisLoop = loop(shared, threadCount, measure);
            Map<String, Long> executed = minus(commandCalls(redis), before);
            Map<String, Long> commands = minus(sent.snapshot(), sentBefore);
            Loop memoryLoop = loop(memory, threadCount, measure);
            long total = commands.values().stream().mapToLong(Long::longValue).sum();
            double redisP50 = redisLoop.latencies.percentileMillis(50);
            double redisP99 = redisLoop.latencies.percentileMillis(99);
            double memoryP50 = memoryLoop.latencies.percentileMillis(50);
            double memoryP99 = memoryLoop.latencies.percentileMillis(99);
            table.row(threadCount, redisLoop.tokens, redisLoop.refused, redisLoop.tokens / (measure.toNanos() / 1e9), redisP50,
                    redisP99, redisLoop.latencies.maxMillis(), memoryP50, memoryP99, redisP50 - memoryP50, redisP99 - memoryP99,
                    total / (double) redisLoop.tokens, describe(commands), describe(executed), failures.get() - failuresBefore);
        }
        out.printf("### A. The limiter alone (the route's RateLimiter.tryAcquire), per token%n%n");
        table.print(out);
        out.printf("tokens = permits asked (granted or refused). added = Redis minus memory, percentile by percentile. round "
                + "trips/token = commands the stores' clients sent / tokens: Bucket4j's compare-and-swap reads the bucket (GET) "
                + "and writes it back (EVAL of its compare-and-swap script), and retries both when two instances race on one "
                + "user's bucket. INFO commandstats also counts the GET and PSETEX (or SET NX) the script runs inside Redis.%n%n");
    }

    /** Part B: token requests through two apps, Redis store against memory. */
    private void throughTheRoute(PrintStream out, SentCommands sent, RedisRateLimitStore first, RedisRateLimitStore second)
            throws Exception {
        Table table = new Table("virtual users", "limits in", "tokens/s", "p50 ms", "p99 ms", "max ms", "failed",
                "round trips/token", "store failures", "added p50 ms", "added p99 ms");
        try (Upstream upstream = new Upstream(); LoadDriver driver = new LoadDriver()) {
            List<AirbyteEmbedded> redisInstances = List.of(instance(upstream, first), instance(upstream, second));
            List<AirbyteEmbedded> memoryInstances = List.of(instance(upstream, null), instance(upstream, null));
            List<BenchApp> apps = new ArrayList<>();
            try {
                BenchApp[] redisApps = {BenchApp.ours(redisInstances.get(0), threads), BenchApp.ours(redisInstances.get(1), threads)};
                BenchApp[] memoryApps = {BenchApp.ours(memoryInstances.get(0), threads), BenchApp.ours(memoryInstances.get(1), threads)};
                apps.addAll(List.of(redisApps));
                apps.addAll(List.of(memoryApps));
                // Users never repeat across runs: a user's first token makes the emulator create a workspace, which
                // both sides pay alike. The side that runs first alternates from row to row.
                AtomicInteger nextUser = new AtomicInteger();
                for (int row = 0; row < concurrency.length; row++) {
                    int virtualUsers = concurrency[row];
                    RunResult memory = row % 2 == 1 ? drive(driver, memoryApps, virtualUsers, nextUser) : null;
                    Map<String, Long> before = sent.snapshot();
                    long failuresBefore = storeFailures(redisInstances);
                    RunResult shared = drive(driver, redisApps, virtualUsers, nextUser);
                    long commands = minus(sent.snapshot(), before).values().stream().mapToLong(Long::longValue).sum();
                    if (memory == null) {
                        memory = drive(driver, memoryApps, virtualUsers, nextUser);
                    }
                    table.row(virtualUsers, "Redis", shared.okPerSecond(), shared.p50(), shared.p99(), shared.max(), shared.failed(),
                            commands / (double) shared.totalRequests(), storeFailures(redisInstances) - failuresBefore,
                            shared.p50() - memory.p50(), shared.p99() - memory.p99());
                    table.row(virtualUsers, "memory", memory.okPerSecond(), memory.p50(), memory.p99(), memory.max(), memory.failed(),
                            "-", "-", "-", "-");
                }
            } finally {
                apps.forEach(BenchApp::close);
            }
        }
        out.printf("### B. Token requests through two apps (emulator without added latency, %d container threads each)%n%n",
                threads);
        table.print(out);
        out.printf("Each request is from the next of the %d users (never one of an earlier run: each user's first token "
                + "creates a workspace in the emulator, for both sides alike), alternating between the two apps; which side "
                + "runs first alternates by row. added = Redis minus memory at the same number of virtual users (noisy: the "
                + "whole request is measured). round trips/token = commands sent / requests.%n%n", users);
    }

    private AirbyteEmbedded instance(Upstream upstream, RedisRateLimitStore store) {
        return AirbyteEmbedded.create(upstream.ourConfig()
                .rateLimit(PERMITS, PERIOD)
                .maxConcurrentUpstreamCalls(10_000)
                .rateLimitStore(store)
                .rateLimitStoreTimeout(STORE_TIMEOUT)
                .build());
    }

    private RunResult drive(LoadDriver driver, BenchApp[] apps, int virtualUsers, AtomicInteger nextUser)
            throws InterruptedException {
        URI[] uris = {apps[0].uri(BenchApp.TOKEN_PATH), apps[1].uri(BenchApp.TOKEN_PATH)};
        return driver.closedLoop(virtualUsers, virtualUser -> {
            int next = nextUser.getAndIncrement();
            return LoadDriver.tokenRequest(uris[next & 1], "user-" + Math.floorMod(next, users), Upstream.ORIGIN, CLIENT_TIMEOUT);
        }, Outcomes::ofToken, warmup, measure);
    }

    private static long storeFailures(List<AirbyteEmbedded> instances) {
        return instances.stream().mapToLong(instance -> instance.statistics().rateLimitStoreFailures()).sum();
    }

    /** Tokens taken and their latencies, by {@code threadCount} threads for {@code duration}. */
    private record Loop(long tokens, long refused, Latencies latencies) {
    }

    private Loop loop(RateLimiter[] limiters, int threadCount, Duration duration) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong tokens = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicInteger nextUser = new AtomicInteger();
        long until = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    int turn = id;
                    while (System.nanoTime() < until) {
                        String user = "user-" + Math.floorMod(nextUser.getAndIncrement(), users);
                        RateLimiter limiter = limiters[turn++ & 1];
                        long started = System.nanoTime();
                        boolean granted = limiter.tryAcquire(user).isEmpty();
                        latencies.record(System.nanoTime() - started);
                        tokens.incrementAndGet();
                        if (!granted) {
                            refused.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "shared-limits-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        return new Loop(tokens.get(), refused.get(), latencies);
    }

    /** Calls per command since Redis started ({@code INFO commandstats}), without this benchmark's own INFO. */
    private static Map<String, Long> commandCalls(LocalRedis redis) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : redis.command("INFO", "commandstats").lines().toList()) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + "calls=".length()).split(",", 2)[0];
                if (!command.equals("info")) {
                    calls.put(command, Long.parseLong(count));
                }
            }
        }
        return calls;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((command, calls) -> {
            long delta = calls - before.getOrDefault(command, 0L);
            if (delta > 0) {
                difference.put(command, delta);
            }
        });
        return difference;
    }

    private static String describe(Map<String, Long> commands) {
        return commands.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static String seconds(Duration duration) {
        return Table.format(duration.toMillis() / 1000.0) + " s";
    }
}
