package io.github.airbyteembedded.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.internal.pipeline.UpstreamCall;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak (issue 12, item 4): a steady mix against the library in embedded Tomcat for a long time
 * (default 10 minutes), then the container's count of requests still active and a graceful shutdown.
 *
 * <p>The mix, paced (an open loop, sent on schedule whether or not earlier requests were answered):
 * widget-token requests from a pool of users, source lists, and source changes (the driver creates a
 * source in a user's workspace as the widget would, then the user's page reports it to the
 * source-events route and disconnects it through the sources route); a burst of token requests from
 * distinct users at cold start; and upstream faults switched on and off every few seconds, one kind at
 * a time over every call the routes make. Every answer is classified: success, a defined error (the
 * error codes of upstream trouble: 502, 503 with Retry-After, 504; 404 for a source that is gone), or
 * anything else (an unexpected status or code, a client-side timeout or connection failure, or an
 * answer later than the queue's longest wait plus the route's deadline), whose goal is 0.
 *
 * <p>Each minute it prints tokens/s, answers by class, p99 and slowest answer, and, after a full GC,
 * the heap used, live threads, open file descriptors, the in-flight permits and Tomcat's active
 * requests. At the end: the requests still active once every client has its answer, and how long
 * Spring Boot's graceful shutdown (stop accepting, wait for active requests) takes.
 */
final class SoakScenario implements Scenario {

    private static final String TOKEN = "token";
    private static final String LIST = "list";
    private static final String EVENT = "event";
    private static final String DELETE = "delete";
    private static final String OK = "ok";
    private static final String DEFINED = "defined";
    private static final String UNEXPECTED = "unexpected";

    /** The error codes of upstream trouble, which the routes answer while a fault is on. */
    private static final Set<String> UPSTREAM_ERRORS = Set.of("502 upstream_error", "502 upstream_credentials_rejected",
            "503 upstream_unavailable", "503 upstream_rate_limited", "503 overloaded", "504 upstream_timeout");

    private static final String OPERATOR_TOKEN_CALL = "POST /api/v1/account/applications/token";
    private static final String WIDGET_TOKEN_CALL = "POST /api/v1/account/applications/widget-token";
    private static final String SCOPED_TOKEN_CALL = "POST /api/v1/account/applications/scoped-token";
    private static final String LIST_CALL = "GET /api/v1/integrations/connectors";

    /** The fault kinds switched on in turn (each with its extra fields), crossed with the calls. */
    private static final List<Map<String, Object>> FAULTS = List.of(
            Map.of("kind", "status", "status", 500),
            Map.of("kind", "status", "status", 503, "retryAfterSeconds", 1),
            Map.of("kind", "status", "status", 429),
            Map.of("kind", "status", "status", 401),
            Map.of("kind", "delay", "delayMillis", 3000),
            Map.of("kind", "hang"),
            Map.of("kind", "reset"),
            Map.of("kind", "malformed"),
            Map.of("kind", "stall-body"),
            Map.of("kind", "slow-body", "delayMillis", 400),
            Map.of("kind", "huge-body", "sizeBytes", 2_000_000),
            Map.of("kind", "truncated"),
            Map.of("kind", "wrong-types"));
    private static final List<String> FAULTED_CALLS = List.of(WIDGET_TOKEN_CALL, LIST_CALL, OPERATOR_TOKEN_CALL, SCOPED_TOKEN_CALL);

    private final Duration duration;
    private final int users;
    private final int tokenRate;
    private final int listRate;
    private final int changeRate;
    private final int burst;
    private final Duration faultSeconds;
    private final boolean faults;
    private final boolean emulatorInProcess;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration clientTimeout;
    private final Duration shutdownLimit;
    private final int maxPending;

    SoakScenario(Options options) {
        this.duration = Duration.ofMillis(options.seconds("minutes", 10).toMillis() * 60);
        this.users = options.integer("users", 1000);
        this.tokenRate = options.integer("token-rate", 150);
        this.listRate = options.integer("list-rate", 30);
        this.changeRate = options.integer("change-rate", 5);
        this.burst = options.integer("burst", 300);
        this.faultSeconds = options.seconds("fault-seconds", 4);
        this.faults = !options.flag("no-faults");
        this.emulatorInProcess = options.flag("emulator-in-process");
        this.connectTimeout = options.millis("connect-timeout-ms", 1000);
        this.requestTimeout = options.millis("request-timeout-ms", 2000);
        this.clientTimeout = options.seconds("client-timeout", 60);
        this.shutdownLimit = options.seconds("shutdown-limit", 30);
        this.maxPending = options.integer("max-pending", 512);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Duration deadline = UpstreamCall.deadline(connectTimeout, requestTimeout);
        out.printf("## Soak%n%n");
        out.printf("- %s of load: %d token requests/s from %d users, %d source lists/s, %d source changes/s "
                        + "(created upstream, reported to source-events, disconnected), a burst of %d token requests at cold start%n",
                human(duration), tokenRate, users, listRate, changeRate, burst);
        out.printf("- faults: %s%n", faults
                ? "one at a time, on for " + faultSeconds.toSeconds() + " s then off for as long, " + FAULTS.size()
                        + " kinds x " + FAULTED_CALLS.size() + " calls (operator token: after the emulator revoked the cached one)"
                : "none");
        out.printf("- driver: JDK HttpClient (HTTP/1.1) in this JVM, client timeout %d s, at most %d requests waiting "
                + "(beyond that a request is not sent, and counted)%n", clientTimeout.toSeconds(), maxPending);
        out.printf("- library: connect timeout %d ms, request timeout %d ms, so the routes' deadline is %d s; "
                        + "rate limits off; in-flight bound %d%n", connectTimeout.toMillis(), requestTimeout.toMillis(),
                deadline.toSeconds(), AirbyteEmbeddedConfig.DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS);
        try (SoakUpstream upstream = emulatorInProcess ? SoakUpstream.inThisProcess() : SoakUpstream.inChildProcess()) {
            AirbyteEmbedded airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
                    .apiBaseUri(upstream.baseUri())
                    .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                    .allowedOrigin(Upstream.ORIGIN)
                    .connectTimeout(connectTimeout)
                    .requestTimeout(requestTimeout)
                    .disableRateLimit()
                    .disableSourcesListRateLimit()
                    .disableSourcesChangeRateLimit()
                    .build());
            out.printf("- container: embedded Tomcat %s; emulator: %s%n%n", org.apache.catalina.util.ServerInfo.getServerNumber(),
                    upstream.where());
            out.flush();
            SoakContainer container = SoakContainer.start(airbyte);
            try {
                new Run(out, upstream, container, airbyte, deadline).run();
            } finally {
                container.close();
            }
        }
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** One soak run. */
    private final class Run {

        private final PrintStream out;
        private final SoakUpstream upstream;
        private final SoakContainer container;
        private final AirbyteEmbedded airbyte;
        private final Duration deadline;
        /** The queue's longest wait, then the routes' deadline: past it (and a second), an answer is late. */
        private final Duration longestWait;
        private final LongAdder driverSetupFailures = new LongAdder();
        private final ExecutorService clientThreads = Executors.newCachedThreadPool(daemon("soak-client"));
        private final ExecutorService changeThreads = Executors.newFixedThreadPool(4, daemon("soak-changes"));
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(clientThreads).build();
        private final AtomicInteger pending = new AtomicInteger();
        private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
        private final List<String> unexpectedExamples = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong slowestNanos = new AtomicLong();
        private final LongAdder notSent = new LongAdder();
        private volatile Minute minute = new Minute();

        Run(PrintStream out, SoakUpstream upstream, SoakContainer container, AirbyteEmbedded airbyte, Duration deadline) {
            this.out = out;
            this.upstream = upstream;
            this.container = container;
            this.airbyte = airbyte;
            this.deadline = deadline;
            this.longestWait = deadline.plus(AirbyteEmbeddedConfig.DEFAULT_MAX_QUEUE_WAIT);
        }

        void run() throws Exception {
            Table table = new Table("minute", "tokens/s", "answers", "ok", "defined errors", "unexpected", "p99 ms", "slowest ms",
                    "heap after GC MiB", "threads", "open fds", "permits in flight", "active requests");
            Sample start = sample();
            table.row("0 (before load)", "-", "-", "-", "-", "-", "-", "-", start.heapMiB(), start.threads(), start.fds(),
                    start.permits(), start.active());
            List<Sample> samples = new ArrayList<>();
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("soak-scheduler"));
            long begin = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                sendToken("burst-user-" + i);
            }
            Pacer pacer = new Pacer(begin);
            scheduler.scheduleAtFixedRate(pacer, 0, 10, TimeUnit.MILLISECONDS);
            FaultSwitch faultSwitch = new FaultSwitch();
            if (faults) {
                scheduler.scheduleAtFixedRate(faultSwitch, faultSeconds.toMillis(), faultSeconds.toMillis(), TimeUnit.MILLISECONDS);
            }
            long minutes = (duration.toSeconds() + 59) / 60;
            for (long m = 1; m <= minutes; m++) {
                long end = Math.min(begin + duration.toNanos(), begin + TimeUnit.MINUTES.toNanos(m));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
                Minute finished = minute;
                minute = new Minute();
                double seconds = (end - finished.startNanos) / 1e9;
                Sample sample = sample();
                samples.add(sample);
                table.row(m, finished.tokensOk.sum() / seconds, finished.answers.sum(), finished.ok.sum(), finished.defined.sum(),
                        finished.unexpected.sum(), finished.percentile(0.99), finished.percentile(1.0), sample.heapMiB(),
                        sample.threads(), sample.fds(), sample.permits(), sample.active());
            }
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            if (faults) {
                upstream.clearFaults();
            }
            long waitUntil = System.nanoTime() + clientTimeout.plusSeconds(5).toNanos();
            while (pending.get() > 0 && System.nanoTime() < waitUntil) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            int unanswered = pending.get();
            long activeAfterLoad = container.activeRequests();
            int permitsAfterLoad = airbyte.statistics().upstreamCallsInFlight();
            Duration shutdown = container.shutDownGracefully(shutdownLimit);
            table.print(out);
            out.println();
            printOutcomes();
            long unexpected = outcomes.values().stream().flatMap(kinds -> kinds.entrySet().stream())
                    .filter(entry -> classOf(entry.getKey()).equals(UNEXPECTED)).mapToLong(entry -> entry.getValue().sum()).sum();
            out.printf("- errors other than the defined ones: %d%s%n", unexpected,
                    unexpectedExamples.isEmpty() ? "" : " (first ones: " + String.join("; ", unexpectedExamples) + ")");
            out.printf("- slowest answer: %d ms (the longest a request may wait: its turn in the queue, %d s, then the routes' "
                            + "deadline, %d s); fault windows: %d; requests not sent because %d were already waiting (the machine "
                            + "could not keep up): %d; sources the driver could not create (its own call to the emulator met the "
                            + "fault of the moment; no request of the library's): %d%n",
                    TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()), AirbyteEmbeddedConfig.DEFAULT_MAX_QUEUE_WAIT.toSeconds(),
                    deadline.toSeconds(), faultSwitch.windows.get(), maxPending, notSent.sum(), driverSetupFailures.sum());
            out.printf("- after the load, once every client had its answer (%d without one): %d requests still active in "
                    + "Tomcat, %d in-flight permits held%n", unanswered, activeAfterLoad, permitsAfterLoad);
            out.printf("- graceful shutdown (Spring Boot's: pause the connector, wait for active requests, at most %d s): %s%n",
                    shutdownLimit.toSeconds(), shutdown == null
                            ? "ABORTED with " + container.activeRequests() + " requests still active"
                            : "completed in " + shutdown.toMillis() + " ms");
            if (samples.size() >= 3) {
                List<Sample> steady = samples.subList(1, samples.size());
                out.printf("- slope per minute after the first minute: heap %+.2f MiB, threads %+.2f, open fds %+.2f%n",
                        slope(steady, Sample::heapMiB), slope(steady, Sample::threads), slope(steady, Sample::fds));
            }
            out.println();
            out.flush();
            clientThreads.shutdownNow();
            changeThreads.shutdownNow();
        }

        private void printOutcomes() {
            Table table = new Table("request", "outcome", "class", "count");
            new TreeMap<>(outcomes).forEach((kind, counts) -> new TreeMap<>(counts).forEach((outcome, count) ->
                    table.row(kind, outcome, classOf(outcome), count.sum())));
            table.print(out);
            out.println();
        }

        /** Paces the mix: on each tick, sends what is due since the start at each rate. */
        private final class Pacer implements Runnable {
            private final long begin;
            private long tokens;
            private long lists;
            private long changes;

            Pacer(long begin) {
                this.begin = begin;
            }

            @Override
            public void run() {
                double elapsed = (System.nanoTime() - begin) / 1e9;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (; tokens < (long) (elapsed * tokenRate); tokens++) {
                    sendToken(user(random));
                }
                for (; lists < (long) (elapsed * listRate); lists++) {
                    send(LIST, HttpRequest.newBuilder(container.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH))
                            .header(BenchApp.USER_HEADER, user(random)).GET(), null);
                }
                for (; changes < (long) (elapsed * changeRate); changes++) {
                    String user = user(random);
                    changeThreads.execute(() -> change(user));
                }
            }
        }

        private String user(ThreadLocalRandom random) {
            return "soak-user-" + random.nextInt(users);
        }

        /** A source connected upstream, reported by the page, then disconnected by the user. */
        private void change(String user) {
            String sourceId;
            try {
                sourceId = upstream.createSource(user);
            } catch (RuntimeException e) {
                // The driver's own call to the emulator met the fault of the moment: no request of the library's.
                driverSetupFailures.increment();
                return;
            }
            send(EVENT, HttpRequest.newBuilder(container.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH))
                    .header(BenchApp.USER_HEADER, user)
                    .header("Origin", Upstream.ORIGIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"source_created\",\"sourceId\":\"" + sourceId + "\"}")),
                    () -> send(DELETE, HttpRequest.newBuilder(container.uri(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH + "/" + sourceId))
                            .header(BenchApp.USER_HEADER, user)
                            .header("Origin", Upstream.ORIGIN)
                            .DELETE(), null));
        }

        private void sendToken(String user) {
            send(TOKEN, HttpRequest.newBuilder(container.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                    .header(BenchApp.USER_HEADER, user)
                    .header("Origin", Upstream.ORIGIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), null);
        }

        private void send(String kind, HttpRequest.Builder request, Runnable then) {
            if (pending.incrementAndGet() > maxPending) {
                // The machine cannot keep up: an open loop would pile up connections in this JVM and measure the driver.
                pending.decrementAndGet();
                notSent.increment();
                return;
            }
            long start = System.nanoTime();
            client.sendAsync(request.timeout(clientTimeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, failure) -> {
                        long nanos = System.nanoTime() - start;
                        String outcome = outcome(kind, response, failure);
                        if (failure == null && nanos > longestWait.plusSeconds(1).toNanos()) {
                            outcome = "later than the longest wait (" + outcome + ")";
                        }
                        record(kind, outcome, nanos);
                        pending.decrementAndGet();
                        if (then != null && failure == null) {
                            then.run();
                        }
                    });
        }

        private void record(String kind, String outcome, long nanos) {
            outcomes.computeIfAbsent(kind, key -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, key -> new LongAdder()).increment();
            slowestNanos.accumulateAndGet(nanos, Math::max);
            Minute current = minute;
            current.answers.increment();
            current.latencies.add(nanos);
            switch (classOf(outcome)) {
                case OK -> {
                    current.ok.increment();
                    if (kind.equals(TOKEN)) {
                        current.tokensOk.increment();
                    }
                }
                case DEFINED -> current.defined.increment();
                default -> {
                    current.unexpected.increment();
                    if (unexpectedExamples.size() < 5) {
                        unexpectedExamples.add(kind + ": " + outcome);
                    }
                }
            }
        }

        /** Samples the application's JVM after a full collection, and the library's and Tomcat's counts. */
        private Sample sample() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long fds = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
            return new Sample(heap / (1024.0 * 1024.0), ManagementFactory.getThreadMXBean().getThreadCount(), fds,
                    airbyte.statistics().upstreamCallsInFlight(), container.activeRequests());
        }

        /** Switches one fault on (the next in turn), then off, every {@code faultSeconds}. */
        private final class FaultSwitch implements Runnable {
            private final AtomicInteger windows = new AtomicInteger();
            private boolean on;
            private int next;

            @Override
            public void run() {
                try {
                    if (on) {
                        upstream.clearFaults();
                        on = false;
                        return;
                    }
                    Map<String, Object> fault = FAULTS.get(next % FAULTS.size());
                    String call = FAULTED_CALLS.get((next / FAULTS.size()) % FAULTED_CALLS.size());
                    next++;
                    Map<String, Object> rule = new java.util.HashMap<>(fault);
                    rule.put("endpoint", call);
                    upstream.addFault(rule);
                    if (call.equals(OPERATOR_TOKEN_CALL)) {
                        upstream.revokeOperatorTokens();
                    }
                    on = true;
                    windows.incrementAndGet();
                } catch (RuntimeException e) {
                    out.println("fault switch failed: " + e);
                }
            }
        }
    }

    /** The class of an outcome: {@link #OK}, {@link #DEFINED} or {@link #UNEXPECTED}. */
    static String classOf(String outcome) {
        if (outcome.equals(OK)) {
            return OK;
        }
        if (UPSTREAM_ERRORS.contains(outcome) || outcome.equals("404 source_not_found")) {
            return DEFINED;
        }
        return UNEXPECTED;
    }

    /** Names an answer: {@code ok}, its status and error code, or the client-side failure. */
    static String outcome(String kind, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof HttpTimeoutException ? "client timeout" : "client " + cause.getClass().getSimpleName();
        }
        int status = response.statusCode();
        String body = response.body();
        boolean ok = switch (kind) {
            case TOKEN -> status == 200 && body.contains("\"token\"");
            case LIST -> status == 200 && body.contains("\"sources\"");
            case EVENT -> status == 200 && body.contains("\"source\"");
            default -> status == 204;
        };
        if (ok) {
            return OK;
        }
        int code = body.indexOf("\"error\":\"");
        String error = code < 0 ? "" : " " + body.substring(code + 9, Math.max(code + 9, body.indexOf('"', code + 9)));
        if ((status == 503 || status == 429) && response.headers().firstValue("Retry-After").isEmpty()) {
            error += " without Retry-After";
        }
        return status + error;
    }

    private static double slope(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        int n = samples.size();
        double meanX = (n - 1) / 2.0;
        double meanY = samples.stream().mapToDouble(value).average().orElse(0);
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < n; i++) {
            numerator += (i - meanX) * (value.applyAsDouble(samples.get(i)) - meanY);
            denominator += (i - meanX) * (i - meanX);
        }
        return numerator / denominator;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The answers of one minute. */
    private static final class Minute {
        final long startNanos = System.nanoTime();
        final LongAdder answers = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder tokensOk = new LongAdder();
        final LongAdder defined = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        long percentile(double quantile) {
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            if (sorted.isEmpty()) {
                return 0;
            }
            Collections.sort(sorted);
            int index = (int) Math.ceil(quantile * sorted.size()) - 1;
            return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
        }
    }

    /** One sample of the application's JVM. */
    private record Sample(double heapMiB, double threads, double fds, int permits, long active) {
    }
}
