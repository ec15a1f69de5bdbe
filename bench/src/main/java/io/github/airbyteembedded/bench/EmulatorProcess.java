package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulatorMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The testkit's standalone emulator ({@link AirbyteEmulatorMain}) in a JVM of its own, with the JDK
 * HTTP server settings the benchmarks need ({@link BenchMain#EMULATOR_SERVER_PROPERTIES}), controlled
 * over its HTTP inspection API: faults and call counts.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final ChildJvm jvm;
    private final URI baseUri;
    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EmulatorProcess(ChildJvm jvm, URI baseUri) {
        this.jvm = jvm;
        this.baseUri = baseUri;
    }

    /** Starts the emulator on a free loopback port, its log in {@code directory}. */
    static EmulatorProcess start(Path directory, List<String> jvmArgs) {
        List<String> args = new ArrayList<>(jvmArgs);
        BenchMain.EMULATOR_SERVER_PROPERTIES.forEach((name, value) -> args.add("-D" + name + "=" + System.getProperty(name, value)));
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        ChildJvm jvm = ChildJvm.start("emulator", args,
                List.of(AirbyteEmulatorMain.class.getName(), "--port", "0"), directory.resolve("emulator.log"));
        try {
            return new EmulatorProcess(jvm, URI.create(jvm.awaitLog(LISTENING, Duration.ofSeconds(60))));
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    ChildJvm jvm() {
        return jvm;
    }

    /** Adds the same latency to both calls of a widget token, as the in-process scenarios do. */
    void delayBothCalls(Duration latency) throws IOException, InterruptedException {
        delay(Upstream.TOKEN_CALL, latency);
        delay(Upstream.WIDGET_CALL, latency);
    }

    /** Adds latency to one call ({@code "POST /api/..."}). */
    void delay(String call, Duration latency) throws IOException, InterruptedException {
        if (latency.isZero()) {
            return;
        }
        String rule = JSON.writeValueAsString(java.util.Map.of("endpoint", call, "kind", "delay", "delayMillis", latency.toMillis()));
        HttpResponse<String> response = control.send(HttpRequest.newBuilder(baseUri.resolve("/_emulator/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the emulator refused the fault " + rule + ": " + response.body());
        }
    }

    /** How many calls of each kind the emulator answered so far. */
    Upstream.Calls calls() throws IOException, InterruptedException {
        JsonNode counts = JSON.readTree(control.send(HttpRequest.newBuilder(baseUri.resolve("/_emulator/calls")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return new Upstream.Calls(counts.path(Upstream.TOKEN_CALL).asInt(), counts.path(Upstream.WIDGET_CALL).asInt());
    }

    @Override
    public void close() {
        jvm.close();
    }
}
