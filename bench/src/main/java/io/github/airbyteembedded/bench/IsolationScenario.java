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
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Benchmark 3: isolation. The p99 of the app's other route ({@code GET /hello}, a paced open loop) is
 * measured alone, then while the upstream hangs with {@code hung} token requests in flight, in
 * alternating rounds. Ours: rate limit off, the library's in-flight bound (128, {@code bound}), so that
 * the rest of the hung requests wait in its queue, request timeout and longest queue wait 60 s (so the
 * hung requests stay in flight, or queued, through the window). The baseline gets the same hang and the
 * same timeout; its probe requests give up after {@code probe-timeout}, so a collapsed baseline
 * cannot hang the benchmark.
 */
final class IsolationScenario implements Scenario {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HUNG_CLIENT_TIMEOUT = Duration.ofSeconds(180);

    private final int hung;
    private final int bound;
    private final int threads;
    private final int rate;
    private final Duration probe;
    private final Duration probeTimeout;
    private final int rounds;
    private final boolean skipBaseline;
    private final Duration settle;
    private final boolean skipPaired;

    IsolationScenario(Options options) {
        this.hung = options.integer("hung", 300);
        this.bound = options.integer("bound", AirbyteEmbeddedConfig.DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS);
        this.threads = options.integer("threads", 32);
        this.rate = options.integer("probe-rate", 400);
        this.probe = options.seconds("probe-seconds", 5);
        this.probeTimeout = options.seconds("probe-timeout", 2);
        this.rounds = options.integer("rounds", 6);
        this.skipBaseline = options.flag("no-baseline");
        this.settle = options.seconds("settle-seconds", 1);
        this.skipPaired = options.flag("no-paired");
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 3. Isolation: the app's other route while the upstream hangs%n%n");
        out.printf("Probe: GET %s at %d req/s for %s per phase (open loop, client timeout %s). Hang: both upstream calls "
                + "hang; %d token requests from distinct users are sent and held in flight (ours: %d upstream, the rest "
                + "in its queue). Jetty fixed pool of %d threads. Upstream request timeout 60 s for both apps, and the "
                + "longest queue wait for ours. After a warm-up with one whole hang cycle, %d round(s) of "
                + "alone/hang; each phase starts %s after the previous step (the release of the last hang, or all held "
                + "calls arriving upstream), so that it measures a steady state.%n%n",
                BenchApp.OTHER_PATH, rate, ThroughputScenario.seconds(probe), ThroughputScenario.seconds(probeTimeout),
                hung, Math.min(hung, bound), threads, rounds, ThroughputScenario.seconds(settle));
        Table phases = new Table("round", "app", "phase", "token requests held upstream", "queued", "probe answered",
                "p50 ms", "p99 ms", "max ms", "probe failures", "cores busy elsewhere", "hung requests' outcomes after release");
        Table ratios = new Table("round", "app", "p99 alone ms", "p99 while hanging ms", "ratio");
        Table pairedTable = null;
        try (Upstream upstream = new Upstream(); LoadDriver prober = new LoadDriver(); LoadDriver tokens = new LoadDriver()) {
            AirbyteEmbedded airbyte = AirbyteEmbedded.create(upstream.ourConfig()
                    .disableRateLimit()
                    .maxConcurrentUpstreamCalls(bound)
                    .maxQueuedUpstreamCalls(Math.max(AirbyteEmbeddedConfig.DEFAULT_MAX_QUEUED_UPSTREAM_CALLS, 2 * hung))
                    .maxQueueWait(REQUEST_TIMEOUT)
                    .requestTimeout(REQUEST_TIMEOUT)
                    .build());
            try (BenchApp ours = BenchApp.ours(airbyte, threads)) {
                measure(out, upstream, ours, prober, tokens, Math.min(hung, bound), () -> airbyte.statistics().upstreamCallsQueued(),
                        phases, ratios);
                if (!skipPaired) {
                    AirbyteEmbedded twin = AirbyteEmbedded.create(airbyte.config());
                    try (BenchApp control = BenchApp.ours(twin, threads)) {
                        pairedTable = paired(out, upstream, ours, control, prober, tokens);
                    }
                }
            }
            if (!skipBaseline) {
                try (BenchApp baseline = BenchApp.baseline(upstream.baselineServlet(REQUEST_TIMEOUT), threads)) {
                    measure(out, upstream, baseline, prober, tokens, threads - 2, null, phases, ratios); // all but acceptor and selector
                }
            }
        }
        phases.print(out);
        out.printf("Ratios (p99 of the other route while hanging / alone, same app, same round):%n%n");
        ratios.print(out);
        if (pairedTable != null) {
            out.printf("Paired control for ours, against the machine's noise: two identical apps with our filter (own Jetty, "
                    + "own integration) probed at %d req/s each at the same moments; only \"this app\" gets the %d hung token "
                    + "requests. The effect of the hang is the quotient of the medians of this/control, hanging and alone.%n%n",
                    rate, hung);
            pairedTable.print(out);
        }
    }

    /**
     * Rounds of alone/hang for one app; {@code expectHeld} is how many held upstream calls mean
     * "saturated"; {@code queued} tells how many requests wait in ours' queue (null for the baseline).
     */
    private void measure(PrintStream out, Upstream upstream, BenchApp app, LoadDriver prober, LoadDriver tokens,
            int expectHeld, IntSupplier queued, Table phases, Table ratios) throws Exception {
        URI other = app.uri(BenchApp.OTHER_PATH);
        URI token = app.uri(BenchApp.TOKEN_PATH);
        // Warm-up, not reported: one token (caches ours' operator token, as in a running app), a probe,
        // and one whole hang cycle (JIT of the failure paths; the emulator's pool creates its threads).
        tokens.burst(List.of(LoadDriver.tokenRequest(token, "warm-up", Upstream.ORIGIN, HUNG_CLIENT_TIMEOUT)),
                Outcomes::ofToken).get(0).join();
        probe(prober, other, Duration.ofSeconds(2));
        Hang warmUp = Hang.start(out, upstream, tokens, token, "warm-up", hung, expectHeld);
        probe(prober, other, Duration.ofSeconds(2));
        warmUp.release(upstream);

        List<Double> roundRatios = new ArrayList<>();
        Latencies pooledAlone = new Latencies();
        Latencies pooledHanging = new Latencies();
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(settle.toMillis());
            MachineLoad aloneStart = MachineLoad.now();
            RunResult alone = probe(prober, other, probe);
            phases.row(round, app.name(), "alone", 0, queued == null ? "-" : queued.getAsInt(), alone.ok(), alone.p50(), alone.p99(), alone.max(), alone.failureSummary(),
                    MachineLoad.now().coresBusyElsewhereSince(aloneStart), "-");

            Hang hang = Hang.start(out, upstream, tokens, token, "hung-" + round, hung, expectHeld);
            Thread.sleep(settle.toMillis());
            int heldBefore = heldCalls(upstream);
            String queuedNow = queued == null ? "-" : Integer.toString(queued.getAsInt());
            MachineLoad hangStart = MachineLoad.now();
            RunResult hanging = probe(prober, other, probe);
            String elsewhere = MachineLoad.now().coresBusyElsewhereSince(hangStart);
            int heldAfter = heldCalls(upstream);
            String outcomes = hang.release(upstream);
            phases.row(round, app.name(), "hang", heldBefore == heldAfter ? heldBefore : heldBefore + " -> " + heldAfter,
                    queuedNow, hanging.ok(), hanging.p50(), hanging.p99(), hanging.max(), hanging.failureSummary(), elsewhere, outcomes);
            ratios.row(round, app.name(), alone.p99(), hanging.failed() > 0 ? "collapsed: " + hanging.failureSummary() : Table.format(hanging.p99()),
                    hanging.failed() > 0 ? "-" : Table.format(hanging.p99() / alone.p99()));
            if (hanging.failed() == 0) {
                roundRatios.add(hanging.p99() / alone.p99());
            }
            pooledAlone.addAll(alone.okLatencies());
            pooledHanging.addAll(hanging.okLatencies());
        }
        if (!roundRatios.isEmpty()) {
            ratios.row("median of " + roundRatios.size(), app.name(), "", "", median(roundRatios));
            double alone = pooledAlone.percentileMillis(99);
            double hanging = pooledHanging.percentileMillis(99);
            ratios.row("all rounds pooled", app.name(), alone, hanging, hanging / alone);
        }
    }

    /** Token requests held in flight by a hanging upstream, until {@link #release(Upstream)}. */
    private record Hang(List<CompletableFuture<LoadDriver.Sample>> pending) {

        static Hang start(PrintStream out, Upstream upstream, LoadDriver tokens, URI token, String users, int count,
                int expectHeld) throws InterruptedException {
            upstream.hangBothCalls();
            List<HttpRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(LoadDriver.tokenRequest(token, users + "-" + i, Upstream.ORIGIN, HUNG_CLIENT_TIMEOUT));
            }
            Hang hang = new Hang(tokens.burst(requests, Outcomes::ofToken));
            if (!upstream.emulator().faults().awaitHeldCalls(expectHeld, Duration.ofSeconds(30))) {
                out.printf("WARNING: only %d of %d expected calls were held upstream after 30 s%n", heldCalls(upstream), expectHeld);
            }
            return hang;
        }

        /** Releases the upstream and returns the held requests' outcomes, e.g. {@code "502 upstream_error x300"}. */
        String release(Upstream upstream) throws Exception {
            upstream.release();
            Map<String, Long> outcomes = new TreeMap<>();
            for (CompletableFuture<LoadDriver.Sample> answer : pending) {
                outcomes.merge(answer.get(HUNG_CLIENT_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS).outcome(), 1L, Long::sum);
            }
            return outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    /**
     * The same question with a control against the machine's noise: two identical apps with our filter
     * (own Jetty, own integration, same emulator) are probed at the same moments, and only the first
     * gets the hung token requests. The p99 ratio first/control is measured with nothing hanging and
     * while the first app's upstream calls hang; their quotient is the effect of the hang.
     */
    private Table paired(PrintStream out, Upstream upstream, BenchApp app, BenchApp control, LoadDriver prober,
            LoadDriver tokens) throws Exception {
        URI appOther = app.uri(BenchApp.OTHER_PATH);
        URI controlOther = control.uri(BenchApp.OTHER_PATH);
        URI token = app.uri(BenchApp.TOKEN_PATH);
        Table table = new Table("round", "phase", "p99 this app ms", "p99 control app ms", "this / control",
                "cores busy elsewhere");
        List<Double> aloneRatios = new ArrayList<>();
        List<Double> hangRatios = new ArrayList<>();
        probePair(prober, appOther, controlOther, Duration.ofSeconds(2)); // warm-up
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(settle.toMillis());
            MachineLoad aloneStart = MachineLoad.now();
            RunResult[] alone = probePair(prober, appOther, controlOther, probe);
            double aloneRatio = alone[0].p99() / alone[1].p99();
            aloneRatios.add(aloneRatio);
            table.row(round, "alone", alone[0].p99(), alone[1].p99(), aloneRatio, MachineLoad.now().coresBusyElsewhereSince(aloneStart));

            Hang hang = Hang.start(out, upstream, tokens, token, "paired-" + round, hung, Math.min(hung, bound));
            Thread.sleep(settle.toMillis());
            MachineLoad hangStart = MachineLoad.now();
            RunResult[] hanging = probePair(prober, appOther, controlOther, probe);
            String elsewhere = MachineLoad.now().coresBusyElsewhereSince(hangStart);
            hang.release(upstream);
            double hangRatio = hanging[0].p99() / hanging[1].p99();
            hangRatios.add(hangRatio);
            table.row(round, "hang (this app only)", hanging[0].p99(), hanging[1].p99(), hangRatio, elsewhere);
        }
        double aloneMedian = median(aloneRatios);
        double hangMedian = median(hangRatios);
        table.row("median", "alone", "", "", aloneMedian, "");
        table.row("median", "hang (this app only)", "", "", hangMedian, "");
        table.row("effect of the hang", "", "", "", hangMedian / aloneMedian, "");
        return table;
    }

    private RunResult[] probePair(LoadDriver prober, URI first, URI second, Duration duration) throws InterruptedException {
        return prober.pacedPair(rate, duration, () -> LoadDriver.pageRequest(first, probeTimeout),
                () -> LoadDriver.pageRequest(second, probeTimeout), Outcomes::ofPage);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    private RunResult probe(LoadDriver prober, URI other, Duration duration) throws InterruptedException {
        return prober.paced(rate, duration, () -> LoadDriver.pageRequest(other, probeTimeout), Outcomes::ofPage);
    }

    /** How many calls the emulator holds right now (hang faults). */
    private static int heldCalls(Upstream upstream) throws InterruptedException {
        int held = 0;
        while (upstream.emulator().faults().awaitHeldCalls(held + 1, Duration.ZERO)) {
            held++;
        }
        return held;
    }
}
