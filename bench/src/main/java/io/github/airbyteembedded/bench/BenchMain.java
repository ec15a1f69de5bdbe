package io.github.airbyteembedded.bench;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The entry point of {@code benchmarks.jar}: {@code java -jar bench/target/benchmarks.jar <command>
 * [--option=value ...]}, where the command is {@code load}, {@code burst}, {@code isolation}, {@code
 * passthrough}, {@code heap}, {@code redis}, {@code all}, or {@code jmh} (JMH's own command line). See
 * {@code bench/README.md}.
 *
 * <p>Not part of the library: a benchmark harness, so it prints to standard output.
 */
public final class BenchMain {

    /**
     * Settings of the JDK's HTTP server, which the emulator runs on, for the whole benchmark JVM (they
     * are read once, when that server is first used; a value given with -D wins). Without them the
     * emulator, not the route, would be measured: its responses wait on Nagle's algorithm and the
     * client's delayed ACK (about 40 ms more per call), and it closes any connection that goes idle
     * while 200 others are idle, so pooled connections of the apps' clients break under load.
     */
    static final Map<String, String> EMULATOR_SERVER_PROPERTIES = Map.of(
            "sun.net.httpserver.nodelay", "true",
            "sun.net.httpserver.maxIdleConnections", "10000");

    /** The commands in which this JVM is only the load client (the app and the emulator run in processes of their own). */
    private static final Set<String> LOAD_CLIENT_ONLY = Set.of("sample", "sample-profile");

    /** Kept strongly reachable, or java.util.logging would forget the level set on it. */
    private static final Logger PROJECT_LOGGER = Logger.getLogger("io.github.airbyteembedded");

    /** The soak's container and the token caches' library, silenced likewise (kept reachable for the same reason). */
    private static final List<Logger> OTHER_LOGGERS = List.of(Logger.getLogger("org.apache"),
            Logger.getLogger("com.github.benmanes.caffeine"));

    private BenchMain() {
    }

    /**
     * Runs one command.
     *
     * @param args the command, then its options
     * @throws Exception when a scenario fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && LOAD_CLIENT_ONLY.contains(args[0])) {
            LoadDriver.useTheCommonPoolOnFewProcessors();
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(System.out);
            return;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (command.equals("jmh")) {
            org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
            return;
        }
        List<Scenario> scenarios;
        boolean verbose;
        try {
            Options options = new Options(rest);
            verbose = options.flag("verbose");
            scenarios = scenarios(command, options);
            options.rejectUnknown();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        // The library and the emulator log a WARNING per failed upstream call: hundreds, by design, in
        // the isolation scenario. The tables count outcomes instead; --verbose shows the log.
        PROJECT_LOGGER.setLevel(verbose ? Level.INFO : Level.SEVERE);
        OTHER_LOGGERS.forEach(logger -> logger.setLevel(verbose ? Level.INFO : Level.SEVERE));

        EMULATOR_SERVER_PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });

        PrintStream out = System.out;
        environment(out, args);
        for (Scenario scenario : scenarios) {
            scenario.run(out);
        }
        out.flush();
        System.exit(0); // threads of closed HTTP clients may linger for a while; nothing is left to wait for
    }

    private static List<Scenario> scenarios(String command, Options options) {
        switch (command) {
            case "load":
                return List.of(new ThroughputScenario(options));
            case "burst":
                return List.of(new BurstScenario(options));
            case "isolation":
                return List.of(new IsolationScenario(options));
            case "passthrough":
                return List.of(new PassThroughScenario(options));
            case "heap":
                return List.of(new HeapScenario(options));
            case "soak":
                return List.of(new SoakScenario(options));
            case "redis":
                return List.of(new SharedLimitsScenario(options));
            case "sample":
                return List.of(new SampleScenario(options));
            case "sample-profile":
                return List.of(new SampleProfileScenario(options));
            case "clients":
                return List.of(new ClientsScenario(options));
            case "all":
                return List.of(new ThroughputScenario(options), new BurstScenario(options), new IsolationScenario(options),
                        new PassThroughScenario(options), new HeapScenario(options));
            default:
                throw new IllegalArgumentException("Unknown command '" + command + "'.");
        }
    }

    private static void environment(PrintStream out, String[] args) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("# Airbyte Embedded for Java: benchmarks%n%n");
        out.printf("- date: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf("- command: java -jar bench/target/benchmarks.jar %s%n", String.join(" ", args));
        out.printf("- cores (availableProcessors): %d%n", runtime.availableProcessors());
        out.printf("- JDK: %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"));
        out.printf("- JVM args: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.printf("- max heap: %d MiB; GC: %s%n", runtime.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")));
        out.printf("- OS: %s %s, load average at start: %s%n", System.getProperty("os.name"), System.getProperty("os.version"),
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.printf("- JDK HTTP server (emulator) settings: %s%n", EMULATOR_SERVER_PROPERTIES.keySet().stream().sorted()
                .map(name -> name + "=" + System.getProperty(name)).collect(Collectors.joining(", ")));
        out.printf("- load, burst, isolation, heap: client, apps and emulator share this one JVM and these cores; sample, "
                + "sample-profile, clients: the app and the emulator run in processes of their own%n%n");
        out.flush();
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar bench/target/benchmarks.jar <command> [--option=value ...]");
        out.println();
        out.println("  load         1. throughput and p50/p99 of the token route, ours vs the blocking and seed-style baselines");
        out.println("               --concurrency=16,64,256 --latency-ms=50 --threads=32 --warmup=3 --measure=5 --rounds=3");
        out.println("  burst        2. cold start under a burst: operator-token calls");
        out.println("               --burst=500 --latency-ms=50 --threads=32 --repeats=3");
        out.println("  isolation    3. p99 of another route, alone and while the upstream hangs");
        out.println("               --hung=300 --bound=128 --threads=32 --probe-rate=400 --probe-seconds=5 --probe-timeout=2 --rounds=6 --settle-seconds=1 --no-baseline --no-paired");
        out.println("  passthrough  4. JMH: pass-through cost of the filter on another path");
        out.println("               --forks=2 --warmup-iterations=5 --iterations=5");
        out.println("  heap         5. heap retained per distinct principal");
        out.println("               --principals=100000 --repeats=5 --sweep=10000,50000,100000,200000");
        out.println("  soak         6. a steady mix with faults in embedded Tomcat for a long time: per-minute heap, threads, fds;");
        out.println("               requests left active and graceful shutdown at the end (not part of all)");
        out.println("               --minutes=10 --users=1000 --token-rate=150 --list-rate=30 --change-rate=5 --burst=300");
        out.println("               --fault-seconds=4 --no-faults --emulator-in-process --connect-timeout-ms=1000");
        out.println("               --request-timeout-ms=2000 --client-timeout=60 --shutdown-limit=30 --max-pending=512");
        out.println("  redis        7. the per-user limit in Redis (two instances) vs memory: added p50/p99, round trips per token");
        out.println("               --concurrency=1,16,64 --users=100000 --warmup=2 --measure=5 --threads=32 --no-route");
        out.println("  sample       8. the real stack: the sample app (Boot, Spring Security, Tomcat) and the emulator in processes of");
        out.println("               their own; ours, the no-op route and its async twin, a static file, both baselines; app CPU per request from the OS");
        out.println("               --concurrency=16,64,256 --latency-ms=50 --jit-warmup=15 --warmup=3 --measure=5 --rounds=3");
        out.println("               --routes=ours,no-op,async-no-op,static,seed-style,blocking --sample-jar=sample-app/target/sample-app.jar --app-jvm-args=");
        out.println("  sample-profile  9. the same stack with JFR in the app: its CPU per request by layer, and the top methods");
        out.println("               --users=64 --seconds=20 --jit-warmup=20 --routes=ours,no-op,seed-style --top=12");
        out.println("  clients      10. the HTTP clients that could make the call to Airbyte: CPU per call and latency, one run");
        out.println("               --in-flight=64 --latency-ms=50 --warmup=5 --measure=10 --rounds=3 --clients=jdk,jdk-direct,jdk-fixed-2,jetty,apache");
        out.println("  all          1-5 above, in that order (options are shared by name)");
        out.println("  jmh ...      JMH's own command line (e.g. jmh -l, jmh PassThrough -f 1)");
        out.println();
        out.println("  --verbose    show the library's and the emulator's log (WARNING per failed upstream call)");
    }
}
