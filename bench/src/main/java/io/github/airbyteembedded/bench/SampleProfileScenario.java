package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where the app's CPU goes on the real stack: the {@code sample} rig, each route run for a while at one
 * concurrency with a JFR recording (the JDK's profiler: execution samples every 2 ms) started and stopped
 * in the app by {@code jcmd}, and the app's CPU time read from the OS over the same window. The Java
 * code's share of it is divided among the layers by the recording's execution samples ({@link
 * JfrLayers}); garbage collection and the JIT compilers, which are not Java code, come from the OS's
 * per-thread accounting.
 */
final class SampleProfileScenario implements Scenario {

    /** A JFR configuration with execution samples only, every 2 ms per running thread (the profile setting samples every 10 ms). */
    private static final String SETTINGS = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<configuration version=\"2.0\" label=\"execution samples\">",
            "  <event name=\"jdk.ExecutionSample\"><setting name=\"enabled\">true</setting><setting name=\"period\">2 ms</setting></event>",
            "</configuration>", "");

    private final int users;
    private final Duration seconds;
    private final Duration warmup;
    private final Duration latency;
    private final List<SampleRig.Route> routes;
    private final Path sampleJar;
    private final List<String> appJvmArgs;
    private final int top;

    SampleProfileScenario(Options options) {
        this.users = options.integer("users", 64);
        this.seconds = options.seconds("seconds", 20);
        this.warmup = options.seconds("jit-warmup", 20);
        this.latency = options.millis("latency-ms", 50);
        this.routes = Arrays.stream(options.text("routes", "ours,no-op,seed-style").split(","))
                .map(String::strip).map(SampleRig.Route::named).toList();
        this.sampleJar = Path.of(options.text("sample-jar", "sample-app/target/sample-app.jar"));
        String jvmArgs = options.text("app-jvm-args", "");
        this.appJvmArgs = jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.strip().split("\\s+"));
        this.top = options.integer("top", 12);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## Sample profile: where the app's CPU goes, by layer%n%n");
        out.printf("- CPU: %s, %d cores; load average at start %s%n", ProcessCpu.cpuModel(), Runtime.getRuntime().availableProcessors(),
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.printf("- each route: %s of JIT warm-up, then %s at %d users with JFR recording execution samples every 2 ms in the app%n",
                ThroughputScenario.seconds(warmup), ThroughputScenario.seconds(seconds), users);
        try (SampleRig rig = SampleRig.start(out, sampleJar, latency, users, appJvmArgs)) {
            for (SampleRig.Route route : routes) {
                rig.run(route, users, warmup, Duration.ofSeconds(1));
            }
            Path settings = Files.writeString(rig.directory().resolve("execution-samples.jfc"), SETTINGS, StandardCharsets.UTF_8);
            Map<SampleRig.Route, SampleRig.Cell> cells = new LinkedHashMap<>();
            Map<SampleRig.Route, JfrLayers.Profile> profiles = new LinkedHashMap<>();
            for (SampleRig.Route route : routes) {
                Path recording = rig.directory().resolve(route.label + ".jfr");
                String name = "bench-" + route.label;
                jcmd(rig, "JFR.start", "name=" + name, "settings=" + settings, "filename=" + recording);
                cells.put(route, rig.run(route, users, Duration.ofSeconds(1), seconds));
                jcmd(rig, "JFR.stop", "name=" + name);
                profiles.put(route, JfrLayers.read(recording));
            }
            print(out, cells, profiles);
            out.printf("Recordings (open with JDK Mission Control, or `jfr print --events jdk.ExecutionSample`): %s%n%n",
                    rig.directory());
        }
    }

    private void print(PrintStream out, Map<SampleRig.Route, SampleRig.Cell> cells, Map<SampleRig.Route, JfrLayers.Profile> profiles) {
        Table summary = new Table("route", "req/s", "p50 ms", "errors", "app CPU ms/req (OS)", "of which GC and VM",
                "of which JIT compilers", "Java code (rest)", "execution samples");
        Set<String> layers = new LinkedHashSet<>();
        profiles.values().forEach(profile -> layers.addAll(profile.samples().keySet()));
        Map<SampleRig.Route, Double> javaMillis = new LinkedHashMap<>();
        for (SampleRig.Route route : routes) {
            SampleRig.Cell cell = cells.get(route);
            double total = cell.appCpuMillisPerRequest();
            double gc = cell.perRequest(cell.appThreads().getOrDefault("GC and VM", 0L));
            double jit = cell.perRequest(cell.appThreads().getOrDefault("JIT compilers", 0L));
            double java = total - gc - jit;
            javaMillis.put(route, java);
            summary.row(route.label, cell.perSecond(), cell.result().p50(), cell.result().failureSummary(), total, gc, jit, java,
                    profiles.get(route).total());
        }
        out.printf("The app's CPU per request over each recorded window (OS accounting; GC and JIT from its threads):%n%n");
        summary.print(out);

        List<String> header = new ArrayList<>(List.of("layer"));
        routes.forEach(route -> {
            header.add(route.label + " share");
            header.add(route.label + " ms/req");
        });
        Table byLayer = new Table(header.toArray(String[]::new));
        for (String layer : layers) {
            List<Object> row = new ArrayList<>(List.of(layer));
            for (SampleRig.Route route : routes) {
                double share = profiles.get(route).share(layer);
                row.add(percent(share));
                row.add(share * javaMillis.get(route));
            }
            byLayer.row(row.toArray());
        }
        out.printf("The Java code's CPU by layer (share of the execution samples, times the Java code's CPU per request; "
                + "each sample goes to the layer of the frame nearest the running one, looking through java.*):%n%n");
        byLayer.print(out);

        for (SampleRig.Route route : routes) {
            JfrLayers.Profile profile = profiles.get(route);
            List<String> biggest = profile.samples().keySet().stream().limit(4).collect(Collectors.toList());
            if (route == SampleRig.Route.OURS && !biggest.contains(JfrLayers.OURS)) {
                biggest.add(JfrLayers.OURS);
            }
            Table methods = new Table("route", "layer", "method", "samples", "share of the route's samples");
            for (String layer : biggest) {
                for (Map.Entry<String, Long> method : profile.topMethods(layer, top)) {
                    methods.row(route.label, layer, method.getKey(), method.getValue(),
                            percent(method.getValue() / (double) profile.total()));
                }
            }
            out.printf("Top methods of the largest layers, %s:%n%n", route.label);
            methods.print(out);
        }
    }

    private static void jcmd(SampleRig rig, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(rig.app().jvm().pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
