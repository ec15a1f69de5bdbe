package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP clients that could carry the call to Airbyte, compared in one run: each makes the widget-token
 * call (a small JSON POST with a bearer token, the whole answer read) against the emulator in a process
 * of its own, {@code concurrency} calls in flight in a closed loop, the emulator adding the upstream
 * latency. Reported per client: calls per second, p50 and p99 (the latency above the emulator's delay
 * is the client's and the loopback's), and the CPU time of this JVM per call, read from the OS over
 * the measured window; in several rounds of rotating order.
 */
final class ClientsScenario implements Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int concurrency;
    private final Duration latency;
    private final Duration warmup;
    private final Duration measure;
    private final int rounds;
    private final List<String> clients;

    ClientsScenario(Options options) {
        this.concurrency = options.integer("in-flight", 64);
        this.latency = options.millis("latency-ms", 50);
        this.warmup = options.seconds("warmup", 5);
        this.measure = options.seconds("measure", 10);
        this.rounds = options.integer("rounds", 3);
        this.clients = Arrays.stream(options.text("clients", "jdk,jdk-direct,jdk-fixed-2,jetty,apache").split(","))
                .map(String::strip).toList();
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## Clients: the HTTP client of the call to Airbyte, by CPU per call and latency%n%n");
        out.printf("- CPU: %s, %d cores; load average at start %s; JDK %s; common pool parallelism %d (CompletableFuture's "
                + "default executor is %s)%n", ProcessCpu.cpuModel(), Runtime.getRuntime().availableProcessors(),
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
                System.getProperty("java.runtime.version"), ForkJoinPool.getCommonPoolParallelism(),
                new java.util.concurrent.CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName());
        out.printf("- the call: POST /api/v1/account/applications/widget-token with a bearer token and a small JSON body, "
                + "the answer read whole; the emulator (its own process) delays it %d ms; %d calls in flight (closed loop); "
                + "warm-up %s, then %s measured; %d round(s) in rotating order; CPU: this JVM (only the client under test "
                + "runs in it) over the window, from /proc/<pid>/stat%n", latency.toMillis(), concurrency,
                ThroughputScenario.seconds(warmup), ThroughputScenario.seconds(measure), rounds);
        Path directory = Files.createTempDirectory("airbyte-embedded-bench-clients-");
        try (EmulatorProcess emulator = EmulatorProcess.start(directory, List.of())) {
            String operatorToken = operatorToken(emulator.baseUri());
            emulator.delay(Upstream.WIDGET_CALL, latency);
            URI uri = emulator.baseUri().resolve("/api/v1/account/applications/widget-token");
            Map<String, UpstreamClients.Client> started = new LinkedHashMap<>();
            for (String name : clients) {
                started.put(name, UpstreamClients.named(name));
            }
            try {
                started.values().forEach(client -> out.printf("- %s: %s%n", client.name(), client.settings()));
                out.println();
                for (UpstreamClients.Client client : started.values()) {
                    loop(client, uri, operatorToken, warmup, warmup, emulator); // JIT warm-up, not reported
                }
                Table table = new Table("round", "client", "calls/s", "p50 ms", "p99 ms", "failures", "client CPU ms/call",
                        "client user share", "emulator CPU ms/call");
                Map<String, List<Window>> windows = new LinkedHashMap<>();
                List<UpstreamClients.Client> order = new ArrayList<>(started.values());
                for (int round = 1; round <= rounds; round++) {
                    for (int i = 0; i < order.size(); i++) {
                        UpstreamClients.Client client = order.get((i + round - 1) % order.size());
                        Window window = loop(client, uri, operatorToken, warmup, measure, emulator);
                        windows.computeIfAbsent(client.name(), name -> new ArrayList<>()).add(window);
                        table.row(round, client.name(), window.result.okPerSecond(), window.result.p50(), window.result.p99(),
                                window.result.failureSummary(), window.clientMillisPerCall(), percent(window.userShare()),
                                window.emulatorMillisPerCall());
                    }
                }
                table.print(out);
                Table medians = new Table("client", "calls/s", "p50 ms", "p50 above the delay, ms", "p99 ms", "client CPU ms/call",
                        "vs jdk");
                double jdk = windows.containsKey("jdk") ? median(windows.get("jdk"), Window::clientMillisPerCall) : Double.NaN;
                windows.forEach((name, list) -> {
                    double cpu = median(list, Window::clientMillisPerCall);
                    double p50 = median(list, window -> window.result.p50());
                    medians.row(name, median(list, window -> window.result.okPerSecond()), p50, p50 - latency.toMillis(),
                            median(list, window -> window.result.p99()), cpu, Table.format(cpu / jdk) + "x");
                });
                out.printf("Medians over %d round(s):%n%n", rounds);
                medians.print(out);
            } finally {
                for (UpstreamClients.Client client : started.values()) {
                    client.close();
                }
            }
        }
    }

    /** One measured window of one client. */
    private record Window(RunResult result, ProcessCpu.Sample client, ProcessCpu.Sample emulator) {
        double clientMillisPerCall() {
            return result.ok() == 0 || client.totalNanos() < 0 ? Double.NaN : client.totalNanos() / 1e6 / result.ok();
        }

        double emulatorMillisPerCall() {
            return result.ok() == 0 || emulator.totalNanos() < 0 ? Double.NaN : emulator.totalNanos() / 1e6 / result.ok();
        }

        double userShare() {
            return client.totalNanos() <= 0 ? Double.NaN : client.userNanos() / (double) client.totalNanos();
        }
    }

    /** A closed loop of {@code concurrency} calls through one client; CPU read at the ends of the measured window. */
    private Window loop(UpstreamClients.Client client, URI uri, String operatorToken, Duration warmup, Duration measure,
            EmulatorProcess emulator) throws InterruptedException {
        byte[] body = ("{\"workspace_name\":\"bench\",\"allowed_origin\":\"" + Upstream.ORIGIN + "\"}").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long until = from + measure.toNanos();
        RunResult result = new RunResult(measure.toNanos() / 1e9);
        CountDownLatch finished = new CountDownLatch(concurrency);
        ExecutorService retry = Executors.newSingleThreadExecutor();
        ProcessCpu.Sample[] cpu = new ProcessCpu.Sample[4];
        var clock = Executors.newSingleThreadScheduledExecutor();
        long self = ProcessHandle.current().pid();
        long emulatorPid = emulator.jvm().pid();
        clock.schedule(() -> {
            cpu[0] = ProcessCpu.of(self);
            cpu[1] = ProcessCpu.of(emulatorPid);
        }, warmup.toNanos(), TimeUnit.NANOSECONDS);
        clock.schedule(() -> {
            cpu[2] = ProcessCpu.of(self);
            cpu[3] = ProcessCpu.of(emulatorPid);
        }, warmup.plus(measure).toNanos(), TimeUnit.NANOSECONDS);
        for (int i = 0; i < concurrency; i++) {
            new Runnable() {
                @Override
                public void run() {
                    long sent = System.nanoTime();
                    if (sent >= until) {
                        finished.countDown();
                        return;
                    }
                    client.post(uri, operatorToken, body).whenComplete((status, failure) -> {
                        long answered = System.nanoTime();
                        String outcome = failure != null ? Outcomes.ofFailure(failure) : status == 200 ? Outcomes.OK : "HTTP " + status;
                        result.recordTotal(outcome);
                        if (answered >= from && answered <= until) {
                            result.recordMeasured(outcome, answered - sent);
                        }
                        if (failure != null) {
                            retry.execute(this);
                        } else {
                            run();
                        }
                    });
                }
            }.run();
        }
        if (!finished.await(warmup.plus(measure).toSeconds() + 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(client.name() + ": calls still pending 2 minutes after the window");
        }
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        retry.shutdownNow();
        return new Window(result, cpu[2].minus(cpu[0]), cpu[3].minus(cpu[1]));
    }

    private static String operatorToken(URI emulator) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(emulator.resolve("/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static double median(List<Window> windows, java.util.function.ToDoubleFunction<Window> value) {
        return SampleScenario.median(windows.stream().map(value::applyAsDouble).toList());
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : Math.round(100 * share) + "%";
    }
}
