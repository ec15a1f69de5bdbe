package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.testkit.Fault;
import jakarta.servlet.FilterChain;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Benchmark 5: heap retained per distinct principal by the filter (its per-user rate limiter is the
 * only per-user state it keeps; the operator-token cache holds one entry).
 *
 * <p>Driven through the filter's public {@code doFilter} with hand-written request stubs, in process,
 * without HTTP: each of N distinct principals sends one token request. To keep the upstream out of
 * the measurement, the in-flight bound is 1 and one request ("the holder", on its own thread) is held
 * by the emulator's hang fault; every measured request therefore passes every check, takes its
 * rate-limit permit (the limiter now tracks that principal), and is refused with {@code 503
 * overloaded} at the in-flight bound (no queue), without an upstream call. Retained heap is the difference of
 * heap used after full GCs, before and after; the median of several repeats with a fresh filter each.
 */
final class HeapScenario implements Scenario {

    private static final String TOKEN_PATH = BenchApp.TOKEN_PATH;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final int principals;
    private final int repeats;
    private final int[] sweep;

    HeapScenario(Options options) {
        this.principals = options.integer("principals", 100_000);
        this.repeats = options.integer("repeats", 5);
        this.sweep = options.integers("sweep", 10_000, 50_000, 100_000, 200_000);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 5. Heap retained per distinct principal%n%n");
        out.printf("In process, through AirbyteEmbeddedFilter.doFilter with request stubs: N distinct principals, one token "
                + "request each, refused at the in-flight bound (1, held by a hanging upstream call; no queue) after the rate limiter "
                + "has taken their permit; retained = heap used after full GC, after minus before; median of %d repeats.%n%n",
                repeats);
        try (Upstream upstream = new Upstream()) {
            measure(upstream, 1_000_000, 20_000); // warm-up: classes, JIT, caches; not reported

            Table raised = new Table("rate-limit-max-tracked-users", "principals", "retained bytes (median)",
                    "bytes/principal (median)", "bytes/principal (all repeats)", "outcomes", "upstream calls during the drive");
            Measurement[] runs = new Measurement[repeats];
            for (int i = 0; i < repeats; i++) {
                runs[i] = measure(upstream, 1_000_000, principals);
            }
            long median = medianRetained(runs);
            raised.row(1_000_000, principals, median, median / (double) principals,
                    Arrays.stream(runs).map(run -> Table.format(run.retained / (double) principals)).collect(Collectors.joining(" / ")),
                    runs[0].outcomes, Arrays.stream(runs).mapToInt(run -> run.upstreamCalls).sum());
            out.printf("Raised bound (every principal tracked):%n%n");
            raised.print(out);

            Table bounded = new Table("rate-limit-max-tracked-users", "principals", "retained bytes (median)",
                    "retained bytes / 10,000", "outcomes");
            int sweepRepeats = Math.max(1, Math.min(3, repeats));
            for (int n : sweep) {
                Measurement[] sweepRuns = new Measurement[sweepRepeats];
                for (int i = 0; i < sweepRepeats; i++) {
                    sweepRuns[i] = measure(upstream, 10_000, n);
                }
                long retained = medianRetained(sweepRuns);
                bounded.row("10000 (default)", n, retained, retained / 10_000.0, sweepRuns[0].outcomes);
            }
            out.printf("Default bound (10,000 tracked users; median of %d): retained heap stops growing at the bound:%n%n", sweepRepeats);
            bounded.print(out);
        }
    }

    private record Measurement(long retained, String outcomes, int upstreamCalls) {
    }

    private static long medianRetained(Measurement[] runs) {
        long[] values = Arrays.stream(runs).mapToLong(Measurement::retained).sorted().toArray();
        return values[values.length / 2];
    }

    private Measurement measure(Upstream upstream, int maxTrackedUsers, int count) throws Exception {
        upstream.emulator().faults().add(Fault.hang(Upstream.WIDGET_CALL));
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter(upstream.ourConfig()
                .maxConcurrentUpstreamCalls(1)
                .maxQueuedUpstreamCalls(0) // refused at once, as the measurement needs
                .rateLimitMaxTrackedUsers(maxTrackedUsers)
                .build());
        FilterChain chain = (request, response) -> {
            throw new IllegalStateException("a token request reached the chain");
        };
        AtomicReference<String> holderOutcome = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            StubResponse response = new StubResponse();
            try {
                filter.doFilter(tokenRequest("holder", false), response, chain);
                holderOutcome.set(Integer.toString(response.getStatus()));
            } catch (Exception e) {
                holderOutcome.set(e.toString());
            }
        }, "heap-holder");
        holder.setDaemon(true);
        holder.start();
        if (!upstream.emulator().faults().awaitHeldCalls(1, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the holder's upstream call was not held");
        }

        Upstream.Calls callsBefore = upstream.calls();
        long before = usedAfterGc();
        Map<String, Long> outcomes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            StubResponse response = new StubResponse();
            filter.doFilter(tokenRequest("user-" + i, true), response, chain);
            String body = response.body();
            String outcome = response.getStatus() + (body.contains("\"overloaded\"") ? " overloaded" : " " + body);
            outcomes.merge(outcome, 1L, Long::sum);
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(filter);
        int upstreamCalls = upstream.calls().minus(callsBefore).total();

        upstream.release();
        holder.join(Duration.ofSeconds(30).toMillis());
        if (holder.isAlive()) {
            throw new IllegalStateException("the holder did not finish after the upstream was released");
        }
        String summary = outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        return new Measurement(after - before, summary, upstreamCalls);
    }

    private static StubRequest tokenRequest(String user, boolean asyncSupported) {
        Principal principal = new NamedPrincipal(user);
        return new StubRequest("POST", TOKEN_PATH, "", principal, asyncSupported).header("Origin", Upstream.ORIGIN);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** A principal with a name, as an app's security layer provides. */
    private record NamedPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }
}
