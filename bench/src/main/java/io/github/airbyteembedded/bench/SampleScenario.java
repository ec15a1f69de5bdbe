package io.github.airbyteembedded.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The real stack: the sample app itself (Spring Boot, Spring Security with a signed-in session per
 * virtual user, Tomcat; rate limit off; Boot's defaults otherwise) in a process of its own, the
 * emulator in another, this JVM as the load client. Each virtual user is a browser session that signed
 * in through the login form and POSTs as the bootstrap script does (session cookie, CSRF header,
 * {@code Origin}, no body). Six routes on that one stack, one after the other in rotating order, at
 * each concurrency, in several rounds: ours, the no-op route (the floor), the same gone asynchronous, a
 * static file, the seed-style baseline and the blocking baseline ({@link SampleRig.Route}). The app's CPU time per request is read from the OS
 * ({@code /proc/<pid>/stat}) over each measured window; so are the emulator's and the client's.
 */
final class SampleScenario implements Scenario {

    private final int[] concurrencies;
    private final Duration latency;
    private final Duration warmup;
    private final Duration measure;
    private final Duration jitWarmup;
    private final int rounds;
    private final List<SampleRig.Route> routes;
    private final Path sampleJar;
    private final List<String> appJvmArgs;

    SampleScenario(Options options) {
        this.concurrencies = options.integers("concurrency", 16, 64, 256);
        this.latency = options.millis("latency-ms", 50);
        this.warmup = options.seconds("warmup", 3);
        this.measure = options.seconds("measure", 5);
        this.jitWarmup = options.seconds("jit-warmup", 15);
        this.rounds = options.integer("rounds", 3);
        this.routes = Arrays.stream(options.text("routes", "ours,no-op,async-no-op,static,seed-style,blocking").split(","))
                .map(String::strip).map(SampleRig.Route::named).toList();
        this.sampleJar = Path.of(options.text("sample-jar", "sample-app/target/sample-app.jar"));
        String jvmArgs = options.text("app-jvm-args", "");
        this.appJvmArgs = jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.strip().split("\\s+"));
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## Sample: the token route on the real stack (Spring Boot, Spring Security, Tomcat), app, emulator "
                + "and client in processes of their own%n%n");
        out.printf("- CPU: %s, %d cores; load average at start %s%n", ProcessCpu.cpuModel(), Runtime.getRuntime().availableProcessors(),
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.printf("- routes, in rotating order each round: %s%n", routes.stream().map(route -> route.label + (route.post ? " = POST " : " = GET ") + route.path
                + " (" + route.description + ")").collect(Collectors.joining("; ")));
        out.printf("- closed loop of N signed-in browser sessions; first %s per route at 64 users (JIT warm-up, not reported); "
                + "then warm-up %s and %s measured per cell; %d round(s)%n", ThroughputScenario.seconds(jitWarmup),
                ThroughputScenario.seconds(warmup), ThroughputScenario.seconds(measure), rounds);
        int users = Arrays.stream(concurrencies).max().orElse(16);
        try (SampleRig rig = SampleRig.start(out, sampleJar, latency, users, appJvmArgs)) {
            for (SampleRig.Route route : routes) {
                rig.run(route, Math.min(users, 64), jitWarmup, Duration.ofSeconds(1)); // JIT warm-up, not reported
            }
            List<SampleRig.Cell> cells = new ArrayList<>();
            Table table = new Table("round", "users", "route", "req/s", "p50 ms", "p99 ms", "errors", "upstream calls/req",
                    "app CPU ms/req", "app user share", "app cores", "emulator CPU ms/req", "client CPU ms/req",
                    "cores busy elsewhere");
            for (int round = 1; round <= rounds; round++) {
                for (int concurrency : concurrencies) {
                    for (int i = 0; i < routes.size(); i++) {
                        SampleRig.Route route = routes.get((i + round - 1) % routes.size());
                        SampleRig.Cell cell = rig.run(route, concurrency, warmup, measure);
                        cells.add(cell);
                        table.row(round, concurrency, route.label, cell.perSecond(), cell.result().p50(), cell.result().p99(),
                                cell.result().failureSummary(), cell.callsPerRequest(), cell.appCpuMillisPerRequest(),
                                percent(cell.appUserShare()), cell.appCores(), cell.emulatorCpuMillisPerRequest(),
                                cell.clientCpuMillisPerRequest(), cell.coresBusyElsewhere());
                    }
                }
            }
            out.printf("Every cell (req/s and latencies: answers within the measured window; CPU: OS accounting over that window, "
                    + "per answered request; upstream calls: the emulator's count over warm-up and window):%n%n");
            table.print(out);
            printMedians(out, cells);
            printTargets(out, cells);
            printThreads(out, cells);
            out.printf("Logs and the benchmark routes' jar: %s%n%n", rig.directory());
        }
    }

    private void printMedians(PrintStream out, List<SampleRig.Cell> cells) {
        Table table = new Table("users", "route", "req/s", "p50 ms", "p99 ms", "errors (all rounds)", "upstream calls/req",
                "app CPU ms/req", "emulator CPU ms/req", "client CPU ms/req");
        for (int users : concurrencies) {
            for (SampleRig.Route route : routes) {
                List<SampleRig.Cell> mine = of(cells, users, route);
                table.row(users, route.label, median(mine, SampleRig.Cell::perSecond), median(mine, cell -> cell.result().p50()),
                        median(mine, cell -> cell.result().p99()), mine.stream().mapToLong(cell -> cell.result().failed()).sum(),
                        median(mine, SampleRig.Cell::callsPerRequest), median(mine, SampleRig.Cell::appCpuMillisPerRequest),
                        median(mine, SampleRig.Cell::emulatorCpuMillisPerRequest), median(mine, SampleRig.Cell::clientCpuMillisPerRequest));
            }
        }
        out.printf("Medians over %d round(s):%n%n", rounds);
        table.print(out);
    }

    /** The issue's targets, from the medians of the rounds (ratios: the median of each round's ratio). */
    private void printTargets(PrintStream out, List<SampleRig.Cell> cells) {
        if (!routes.contains(SampleRig.Route.OURS)) {
            return;
        }
        Table table = new Table("users", "target", "value", "met");
        for (int users : concurrencies) {
            List<SampleRig.Cell> ours = of(cells, users, SampleRig.Route.OURS);
            if (routes.contains(SampleRig.Route.NOOP)) {
                double ratio = medianOfRatios(cells, users, SampleRig.Route.NOOP, SampleRig.Cell::appCpuMillisPerRequest);
                table.row(users, "app CPU per token <= 2x the no-op route's CPU per request", Table.format(ratio) + "x",
                        yes(ratio <= 2));
            }
            if (routes.contains(SampleRig.Route.ASYNC_NOOP)) {
                double ratio = medianOfRatios(cells, users, SampleRig.Route.ASYNC_NOOP, SampleRig.Cell::appCpuMillisPerRequest);
                table.row(users, "(for comparison) app CPU per token / the async no-op route's per request", Table.format(ratio) + "x",
                        "-");
            }
            if (routes.contains(SampleRig.Route.STATIC)) {
                double ratio = medianOfRatios(cells, users, SampleRig.Route.STATIC, SampleRig.Cell::appCpuMillisPerRequest);
                table.row(users, "(for comparison) app CPU per token / a static file's through Spring MVC", Table.format(ratio) + "x",
                        "-");
            }
            for (SampleRig.Route baseline : List.of(SampleRig.Route.SEED, SampleRig.Route.BLOCKING)) {
                if (routes.contains(baseline)) {
                    double ratio = medianOfRatios(cells, users, baseline, SampleRig.Cell::perSecond);
                    table.row(users, "tokens/s >= 2x the " + baseline.label + " baseline", Table.format(ratio) + "x", yes(ratio >= 2));
                }
            }
            if (users == Arrays.stream(concurrencies).min().orElse(16) && routes.contains(SampleRig.Route.NOOP)) {
                double p50 = median(ours, cell -> cell.result().p50());
                double floor = median(of(cells, users, SampleRig.Route.NOOP), cell -> cell.result().p50());
                double bound = latency.toMillis() + 1.2 * floor;
                table.row(users, "p50 <= upstream latency + 1.2x the no-op route's p50", Table.format(p50) + " ms (bound "
                        + Table.format(bound) + " ms)", yes(p50 <= bound));
            }
            if (users == Arrays.stream(concurrencies).max().orElse(256)) {
                long errors = ours.stream().mapToLong(cell -> cell.result().failed()).sum();
                table.row(users, "0 errors with a healthy upstream", Long.toString(errors), yes(errors == 0));
            }
        }
        out.printf("Targets (ours against the others, same run):%n%n");
        table.print(out);
    }

    /** Where the app's CPU went, by thread, from the OS (per answered request, median over the rounds). */
    private void printThreads(PrintStream out, List<SampleRig.Cell> cells) {
        Map<String, Map<String, Double>> columns = new LinkedHashMap<>();
        TreeMap<String, Boolean> groups = new TreeMap<>();
        for (int users : concurrencies) {
            for (SampleRig.Route route : routes) {
                List<SampleRig.Cell> mine = of(cells, users, route);
                Map<String, Double> column = new TreeMap<>();
                for (SampleRig.Cell cell : mine) {
                    cell.appThreads().forEach((group, nanos) -> groups.put(group, true));
                }
                for (String group : groups.keySet()) {
                    column.put(group, median(mine, cell -> cell.perRequest(cell.appThreads().getOrDefault(group, 0L))));
                }
                columns.put(route.label + " @" + users, column);
            }
        }
        List<String> header = new ArrayList<>(List.of("app threads (OS accounting), CPU ms per request"));
        header.addAll(columns.keySet());
        Table table = new Table(header.toArray(String[]::new));
        for (String group : groups.keySet()) {
            List<Object> row = new ArrayList<>(List.of(group));
            columns.values().forEach(column -> row.add(column.getOrDefault(group, Double.NaN)));
            table.row(row.toArray());
        }
        out.printf("Where the app's CPU goes, by thread (Linux /proc/<pid>/task; threads that ended within a window are not "
                + "counted):%n%n");
        table.print(out);
    }

    private static List<SampleRig.Cell> of(List<SampleRig.Cell> cells, int users, SampleRig.Route route) {
        return cells.stream().filter(cell -> cell.users() == users && cell.route() == route).toList();
    }

    /** The median, over the rounds, of ours' value divided by the other route's in the same round. */
    private static double medianOfRatios(List<SampleRig.Cell> cells, int users, SampleRig.Route other,
            ToDoubleFunction<SampleRig.Cell> value) {
        List<SampleRig.Cell> ours = of(cells, users, SampleRig.Route.OURS);
        List<SampleRig.Cell> theirs = of(cells, users, other);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            ratios.add(value.applyAsDouble(ours.get(i)) / value.applyAsDouble(theirs.get(i)));
        }
        return median(ratios);
    }

    static double median(List<SampleRig.Cell> cells, ToDoubleFunction<SampleRig.Cell> value) {
        return median(cells.stream().map(value::applyAsDouble).toList());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(value -> !value.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : Math.round(100 * share) + "%";
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
