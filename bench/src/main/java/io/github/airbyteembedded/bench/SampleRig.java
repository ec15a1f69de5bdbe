package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real stack on the bench: the emulator and the sample app in processes of their own, signed-in
 * browser sessions, and this JVM as the load client. Runs one route at one concurrency (a "cell") and
 * reads, over its measured window only, the app's CPU time from the OS, the emulator's, this JVM's,
 * and the whole machine's.
 */
final class SampleRig implements AutoCloseable {

    /** The routes measured on the same stack. */
    enum Route {
        OURS("ours", "token route (AirbyteEmbeddedFilter)", AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH, true, true),
        NOOP("no-op", "no-op route, the floor (a signed-in POST answered with {\"ok\":true} by a filter after Spring Security)",
                SampleBenchRoutes.NOOP_PATH, false, true),
        ASYNC_NOOP("async-no-op", "the no-op route gone asynchronous: the same answer written after the upstream latency by a "
                + "timer thread (the floor of any route that waits without holding a container thread)",
                SampleBenchRoutes.ASYNC_NOOP_PATH, false, true),
        STATIC("static", "a static file through Spring MVC (a signed-in GET of the home page's script, 8.7 KB)", "/js/home.js",
                false, false),
        SEED("seed-style", "seed-style baseline (async, 2 upstream calls per token, no cache)", SampleBenchRoutes.SEED_PATH, true,
                true),
        BLOCKING("blocking", "blocking baseline (2 blocking upstream calls per token on the container thread)",
                SampleBenchRoutes.BLOCKING_PATH, true, true);

        final String label;
        final String description;
        final String path;
        final boolean token;
        final boolean post;

        Route(String label, String description, String path, boolean token, boolean post) {
            this.label = label;
            this.description = description;
            this.path = path;
            this.token = token;
            this.post = post;
        }

        static Route named(String label) {
            for (Route route : values()) {
                if (route.label.equals(label) || route.name().equalsIgnoreCase(label)) {
                    return route;
                }
            }
            throw new IllegalArgumentException("unknown route '" + label + "': ours, no-op, async-no-op, static, seed-style or blocking");
        }
    }

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final EmulatorProcess emulator;
    private final SampleAppProcess app;
    private final List<BrowserSession> sessions;
    private final LoadDriver driver = new LoadDriver();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sample-rig-clock");
        thread.setDaemon(true);
        return thread;
    });

    private SampleRig(Path directory, EmulatorProcess emulator, SampleAppProcess app, List<BrowserSession> sessions) {
        this.directory = directory;
        this.emulator = emulator;
        this.app = app;
        this.sessions = sessions;
    }

    /**
     * Starts the emulator (with {@code latency} on both calls of a token) and the sample app, and signs
     * in {@code users} browser sessions.
     */
    static SampleRig start(PrintStream out, Path sampleJar, Duration latency, int users, List<String> appJvmArgs)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("airbyte-embedded-bench-sample-");
        EmulatorProcess emulator = EmulatorProcess.start(directory, List.of());
        try {
            emulator.delayBothCalls(latency);
            Path routes = SampleRoutesJar.write(directory.resolve("bench-routes.jar"));
            SampleAppProcess app = SampleAppProcess.start(sampleJar, routes, emulator.baseUri(), latency, appJvmArgs, directory);
            try {
                out.printf("- sample app: pid %d, %s, JVM args %s, properties %s (log: %s)%n", app.jvm().pid(), app.uri("/"),
                        appJvmArgs, app.properties(), app.jvm().log());
                out.printf("- emulator: pid %d, %s, %d ms on both calls of a token (log: %s)%n", emulator.jvm().pid(),
                        emulator.baseUri(), latency.toMillis(), emulator.jvm().log());
                out.printf("- load client: this JVM (pid %d), %s%n", ProcessHandle.current().pid(), LoadDriver.describe());
                out.flush();
                List<BrowserSession> sessions = BrowserSession.signIn(app, users);
                out.printf("- %d browser sessions signed in (alice and bob alternately), each with its session cookie "
                        + "and CSRF token%n%n", sessions.size());
                return new SampleRig(directory, emulator, app, sessions);
            } catch (RuntimeException | InterruptedException e) {
                app.close();
                throw e;
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            emulator.close();
            throw e;
        }
    }

    SampleAppProcess app() {
        return app;
    }

    Path directory() {
        return directory;
    }

    /** What one cell measured: the load client's view, and CPU times over the measured window. */
    record Cell(Route route, int users, RunResult result, Upstream.Calls calls, Snapshot start, Snapshot end) {

        double seconds() {
            return (end.nanos - start.nanos) / 1e9;
        }

        double perSecond() {
            return result.okPerSecond();
        }

        /** Upstream calls per answered request (warm-up and window, as the emulator counts them). */
        double callsPerRequest() {
            return result.totalOk() == 0 ? Double.NaN : calls.total() / (double) result.totalOk();
        }

        ProcessCpu.Sample appCpu() {
            return end.app.minus(start.app);
        }

        /** The app's CPU time per answered request in the window, milliseconds. */
        double appCpuMillisPerRequest() {
            return perRequest(appCpu().totalNanos());
        }

        double appUserShare() {
            ProcessCpu.Sample cpu = appCpu();
            return cpu.totalNanos() <= 0 ? Double.NaN : cpu.userNanos() / (double) cpu.totalNanos();
        }

        double appCores() {
            return cores(appCpu().totalNanos());
        }

        double emulatorCpuMillisPerRequest() {
            return perRequest(end.emulator.minus(start.emulator).totalNanos());
        }

        double clientCpuMillisPerRequest() {
            return perRequest(end.client.minus(start.client).totalNanos());
        }

        /** Cores kept busy by everything but the app, the emulator and the client during the window. */
        double coresBusyElsewhere() {
            if (end.machine < 0 || start.machine < 0) {
                return Double.NaN;
            }
            long ours = end.app.minus(start.app).totalNanos() + end.emulator.minus(start.emulator).totalNanos()
                    + end.client.minus(start.client).totalNanos();
            return Math.max(0, cores(end.machine - start.machine - ours));
        }

        Map<String, Long> appThreads() {
            return ProcessCpu.minus(end.appThreads, start.appThreads);
        }

        double perRequest(long nanos) {
            return nanos < 0 || result.ok() == 0 ? Double.NaN : nanos / 1e6 / result.ok();
        }

        private double cores(long nanos) {
            return nanos < 0 ? Double.NaN : nanos / 1e9 / seconds();
        }
    }

    /** CPU readings at one moment. */
    record Snapshot(long nanos, ProcessCpu.Sample app, ProcessCpu.Sample emulator, ProcessCpu.Sample client, long machine,
            Map<String, Long> appThreads) {
    }

    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), app.jvm().cpu(), emulator.jvm().cpu(), ProcessCpu.of(ProcessHandle.current().pid()),
                ProcessCpu.machineBusyNanos(), ProcessCpu.byThreadGroup(app.jvm().pid()));
    }

    /**
     * A closed loop of {@code users} signed-in sessions on {@code route}: {@code warmup}, then {@code
     * measure}; CPU times are read at the two ends of the measured window.
     */
    Cell run(Route route, int users, Duration warmup, Duration measure) throws Exception {
        if (users > sessions.size()) {
            throw new IllegalArgumentException(users + " users but " + sessions.size() + " sessions");
        }
        URI uri = app.uri(route.path);
        Upstream.Calls before = emulator.calls();
        CompletableFuture<Snapshot> start = new CompletableFuture<>();
        CompletableFuture<Snapshot> end = new CompletableFuture<>();
        clock.schedule(() -> start.complete(snapshot()), warmup.toNanos(), TimeUnit.NANOSECONDS);
        clock.schedule(() -> end.complete(snapshot()), warmup.plus(measure).toNanos(), TimeUnit.NANOSECONDS);
        RunResult result = driver.closedLoop(users, user -> route.post ? sessions.get(user).post(uri, CLIENT_TIMEOUT)
                        : sessions.get(user).get(uri, CLIENT_TIMEOUT),
                route.token ? Outcomes::ofToken : Outcomes::ofPage, warmup, measure);
        Upstream.Calls calls = emulator.calls().minus(before);
        return new Cell(route, users, result, calls, start.get(30, TimeUnit.SECONDS), end.get(30, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        clock.shutdownNow();
        driver.close();
        app.close();
        emulator.close();
    }
}
