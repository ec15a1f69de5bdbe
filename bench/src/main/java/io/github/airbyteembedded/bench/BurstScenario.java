package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Benchmark 2: a cold start under a burst. A freshly started app (empty operator-token cache, no
 * pooled connections, a new client) receives {@code burst} token requests from distinct users at
 * once; the emulator counts the operator-token calls. Three apps each time: ours with the in-flight
 * bound raised above the burst, ours with the library's defaults (bound 128: the rest wait their
 * turn in the queue, for at most 3 s), and the baseline.
 */
final class BurstScenario implements Scenario {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private final int size;
    private final Duration latency;
    private final int threads;
    private final int repeats;

    BurstScenario(Options options) {
        this.size = options.integer("burst", 500);
        this.latency = options.millis("latency-ms", 50);
        this.threads = options.integer("threads", 32);
        this.repeats = options.integer("repeats", 3);
    }

    private enum Variant {
        OURS_RAISED_BOUND("ours, in-flight bound 1000"),
        OURS_DEFAULTS("ours, library defaults (bound 128, queue 1000 for 3 s)"),
        BASELINE("baseline");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 2. Cold start under a burst%n%n");
        out.printf("%d simultaneous token requests from %d distinct users to a freshly started app (cold operator-token "
                + "cache, new client, no pooled connections); Jetty fixed pool of %d threads; emulator latency %d ms on "
                + "both calls; ours keeps the default per-user rate limit (10/min: one request per user here). "
                + "%d repeat(s).%n%n", size, size, threads, latency.toMillis(), repeats);
        Table table = new Table("repeat", "app", "requests", "operator-token calls", "widget-token calls", "outcomes",
                "p50 ms", "last answer ms");
        try (Upstream upstream = new Upstream()) {
            upstream.delayBothCalls(latency);
            for (int repeat = 1; repeat <= repeats; repeat++) {
                for (Variant variant : Variant.values()) {
                    Upstream.Calls before = upstream.calls();
                    Latencies latencies = new Latencies();
                    Map<String, Long> outcomes = new TreeMap<>();
                    try (BenchApp app = start(variant, upstream); LoadDriver driver = new LoadDriver()) {
                        URI uri = app.uri(BenchApp.TOKEN_PATH);
                        List<HttpRequest> requests = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            requests.add(LoadDriver.tokenRequest(uri, "burst-" + repeat + "-" + i, Upstream.ORIGIN, CLIENT_TIMEOUT));
                        }
                        for (CompletableFuture<LoadDriver.Sample> answer : driver.burst(requests, Outcomes::ofToken)) {
                            LoadDriver.Sample sample = answer.join();
                            outcomes.merge(sample.outcome(), 1L, Long::sum);
                            latencies.record(sample.nanos());
                        }
                    }
                    Upstream.Calls calls = upstream.calls().minus(before);
                    table.row(repeat, variant.label, size, calls.token(), calls.widget(),
                            outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")),
                            latencies.percentileMillis(50), latencies.maxMillis());
                }
            }
        }
        table.print(out);
    }

    private BenchApp start(Variant variant, Upstream upstream) throws Exception {
        switch (variant) {
            case OURS_RAISED_BOUND:
                return BenchApp.ours(AirbyteEmbedded.create(upstream.ourConfig().maxConcurrentUpstreamCalls(1000).build()), threads);
            case OURS_DEFAULTS:
                return BenchApp.ours(AirbyteEmbedded.create(upstream.ourConfig().build()), threads);
            default:
                return BenchApp.baseline(upstream.baselineServlet(AirbyteEmbeddedConfig.DEFAULT_REQUEST_TIMEOUT), threads);
        }
    }
}
