package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark 1: throughput and latency of the token route, ours beside the blocking baseline and the
 * seed-style (asynchronous) baseline, on the same Jetty thread pool against the same emulator latency,
 * at several concurrencies, in one run.
 *
 * <p>Both Airbyte calls get the injected latency. Ours has the rate limit off and an in-flight bound
 * (10,000) well above the concurrency, so neither refuses a request the baseline would serve. For each
 * concurrency and round, the three apps run one after the other (the order rotates between rounds),
 * each with its own warm-up. Upstream calls per minted token come from the emulator's call counts
 * over the whole run, warm-up included.
 */
final class ThroughputScenario implements Scenario {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final int[] concurrencies;
    private final Duration latency;
    private final int threads;
    private final Duration warmup;
    private final Duration measure;
    private final int rounds;

    ThroughputScenario(Options options) {
        this.concurrencies = options.integers("concurrency", 16, 64, 256);
        this.latency = options.millis("latency-ms", 50);
        this.threads = options.integer("threads", 32);
        this.warmup = options.seconds("warmup", 3);
        this.measure = options.seconds("measure", 5);
        this.rounds = options.integer("rounds", 3);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 1. Throughput: token route, ours vs the blocking and the seed-style baselines%n%n");
        out.printf("Jetty fixed pool of %d threads (1 acceptor, 1 selector) for each app; emulator latency %d ms on BOTH "
                + "calls (operator token and widget token); closed loop of N virtual users (JDK HttpClient, HTTP/1.1), "
                + "distinct principal per user; warm-up %s then %s measured per cell; %d round(s), order rotating. "
                + "Ours: rate limit off, in-flight bound 10000, library defaults otherwise.%n%n",
                threads, latency.toMillis(), seconds(warmup), seconds(measure), rounds, rounds);
        try (Upstream upstream = new Upstream(); LoadDriver driver = new LoadDriver()) {
            upstream.delayBothCalls(latency);
            LongAdder ourOperatorTokenCalls = new LongAdder();
            AirbyteEmbedded airbyte = AirbyteEmbedded.create(upstream.ourConfig()
                    .disableRateLimit()
                    .maxConcurrentUpstreamCalls(10_000)
                    .listener(new TokenRouteListener() {
                        @Override
                        public void onUpstreamCall(String call, int status, Duration elapsed) {
                            if (call.equals(Upstream.TOKEN_CALL)) {
                                ourOperatorTokenCalls.increment();
                            }
                        }
                    })
                    .build());
            try (BenchApp ours = BenchApp.ours(airbyte, threads);
                    BenchApp baseline = BenchApp.baseline(upstream.baselineServlet(AirbyteEmbeddedConfig.DEFAULT_REQUEST_TIMEOUT), threads);
                    BenchApp seed = BenchApp.seedStyle(upstream.seedStyleServlet(AirbyteEmbeddedConfig.DEFAULT_REQUEST_TIMEOUT), threads)) {
                int smallest = Arrays.stream(concurrencies).min().orElse(16);
                for (BenchApp app : new BenchApp[] {baseline, seed, ours}) {
                    tokens(driver, upstream, app, smallest, warmup, warmup); // JIT warm-up, not reported
                }
                printCeilings(out, driver, upstream, ours);

                Table results = new Table("round", "users", "app", "tokens/s", "p50 ms", "p99 ms", "errors",
                        "operator-token calls", "widget-token calls", "upstream calls/token", "rig CPU ms/token", "rig CPU use", "cores busy elsewhere");
                Table ratios = new Table("round", "users", "throughput ours/blocking", "throughput ours/seed-style",
                        "p50 blocking/ours", "p50 seed-style/ours", "calls/token blocking", "calls/token seed-style", "calls/token ours");
                BenchApp[] apps = {baseline, seed, ours};
                for (int round = 1; round <= rounds; round++) {
                    for (int users : concurrencies) {
                        java.util.Map<BenchApp, Cell> cells = new java.util.HashMap<>();
                        for (int i = 0; i < apps.length; i++) {
                            BenchApp app = apps[(i + round - 1) % apps.length];
                            cells.put(app, tokens(driver, upstream, app, users, warmup, measure));
                        }
                        Cell base = cells.get(baseline);
                        Cell seeded = cells.get(seed);
                        Cell our = cells.get(ours);
                        for (Cell cell : new Cell[] {base, seeded, our}) {
                            results.row(round, users, cell.app, cell.result.okPerSecond(), cell.result.p50(), cell.result.p99(),
                                    cell.result.failureSummary(), cell.calls.token(), cell.calls.widget(), cell.callsPerToken(),
                                    cell.cpuMillisPerToken(), cell.cpuUse(), cell.elsewhere);
                        }
                        ratios.row(round, users, our.result.okPerSecond() / base.result.okPerSecond(),
                                our.result.okPerSecond() / seeded.result.okPerSecond(), base.result.p50() / our.result.p50(),
                                seeded.result.p50() / our.result.p50(), base.callsPerToken(), seeded.callsPerToken(), our.callsPerToken());
                    }
                }
                out.printf("Results (tokens/s = answered 200 with a token within the measured window; calls counted by "
                        + "the emulator over warm-up + window):%n%n");
                results.print(out);
                out.printf("Ratios (same run, same concurrency, same upstream latency):%n%n");
                ratios.print(out);
                out.printf("Operator-token calls made by ours over the whole run (JIT warm-up included, which made the "
                        + "first one): %d; tokens it minted: %d.%n%n", ourOperatorTokenCalls.sum(), airbyte.statistics().count("ok"));
            }
        }
    }

    private record Cell(String app, RunResult result, Upstream.Calls calls, long cpuNanos, long wallNanos, String elsewhere) {
        double callsPerToken() {
            return result.totalOk() == 0 ? Double.NaN : calls.total() / (double) result.totalOk();
        }

        /** CPU time of the whole JVM (client, app, emulator) per minted token, warm-up included. */
        double cpuMillisPerToken() {
            return cpuNanos < 0 || result.totalOk() == 0 ? Double.NaN : cpuNanos / 1e6 / result.totalOk();
        }

        /** Share of all cores the JVM used during the cell. */
        String cpuUse() {
            return cpuNanos < 0 ? "-" : Math.round(100.0 * cpuNanos / wallNanos / Runtime.getRuntime().availableProcessors()) + "%";
        }
    }

    private static Cell tokens(LoadDriver driver, Upstream upstream, BenchApp app, int users, Duration warmup, Duration measure)
            throws InterruptedException {
        Upstream.Calls before = upstream.calls();
        MachineLoad start = MachineLoad.now();
        URI uri = app.uri(BenchApp.TOKEN_PATH);
        RunResult result = driver.closedLoop(users,
                user -> LoadDriver.tokenRequest(uri, "user-" + user, Upstream.ORIGIN, CLIENT_TIMEOUT),
                Outcomes::ofToken, warmup, measure);
        MachineLoad end = MachineLoad.now();
        return new Cell(app.name(), result, upstream.calls().minus(before), end.processCpuNanosSince(start),
                end.wallNanosSince(start), end.coresBusyElsewhereSince(start));
    }

    /**
     * What the rig itself can do at each concurrency, so that a ceiling is not mistaken for a result:
     * the emulator answering widget-token calls directly (at most users / latency), and the client and
     * Jetty serving the app's other route (no upstream).
     */
    private void printCeilings(PrintStream out, LoadDriver driver, Upstream upstream, BenchApp ours) throws Exception {
        String operatorToken = operatorToken(upstream);
        URI widget = URI.create(upstream.emulator().baseUri() + "/api/v1/account/applications/widget-token");
        URI other = ours.uri(BenchApp.OTHER_PATH);
        Duration window = Duration.ofMillis(Math.max(1000, measure.toMillis() / 2));
        Duration shortWarmup = Duration.ofMillis(Math.max(500, warmup.toMillis() / 2));
        Table ceilings = new Table("users", "emulator widget-token calls/s (direct)", "ideal users/latency",
                "other route req/s (client + Jetty, no upstream)");
        for (int users : concurrencies) {
            RunResult direct = driver.closedLoop(users, user -> HttpRequest.newBuilder(widget)
                    .timeout(CLIENT_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + operatorToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"workspace_name\":\"user-" + user
                            + "\",\"allowed_origin\":\"" + Upstream.ORIGIN + "\"}"))
                    .build(), Outcomes::ofToken, shortWarmup, window);
            RunResult page = driver.closedLoop(users, user -> LoadDriver.pageRequest(other, CLIENT_TIMEOUT),
                    Outcomes::ofPage, shortWarmup, window);
            ceilings.row(users, direct.okPerSecond(), latency.isZero() ? Double.NaN : users * 1000.0 / latency.toMillis(),
                    page.okPerSecond());
        }
        out.printf("Rig ceilings (not results; %s each):%n%n", seconds(window));
        ceilings.print(out);
    }

    private static String operatorToken(Upstream upstream) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(upstream.emulator().baseUri() + "/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body()).path("access_token").asText();
    }

    static String seconds(Duration duration) {
        return Table.format(duration.toMillis() / 1000.0) + " s";
    }
}
