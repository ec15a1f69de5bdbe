package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.AirbyteEmulatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak's upstream: the testkit's emulator, by default in a process of its own (so that the soak
 * JVM's heap, threads and descriptors are the application's and the load client's only), or in this
 * process ({@code --emulator=in-process}). Either way it is driven over HTTP only: faults through
 * {@code /_emulator/faults}, and sources created in a user's workspace through the connectors API
 * with the operator token, as the widget would.
 */
final class SoakUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTENING = "Airbyte emulator listening on ";

    private final URI baseUri;
    private final Process process;
    private final AirbyteEmulator inProcess;
    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String operatorToken;

    private SoakUpstream(URI baseUri, Process process, AirbyteEmulator inProcess) {
        this.baseUri = baseUri;
        this.process = process;
        this.inProcess = inProcess;
    }

    /** Starts the emulator in a child JVM on any free loopback port, with the bench's HTTP-server settings. */
    static SoakUpstream inChildProcess() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m"));
        BenchMain.EMULATOR_SERVER_PROPERTIES.forEach((name, value) -> command.add("-D" + name + "=" + System.getProperty(name, value)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AirbyteEmulatorMain.class.getName(), "--port", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(LISTENING)) {
                Thread drain = new Thread(() -> drain(out), "soak-emulator-output");
                drain.setDaemon(true);
                drain.start();
                return new SoakUpstream(URI.create(line.substring(LISTENING.length()).strip()), process, null);
            }
        }
        process.destroyForcibly();
        throw new IOException("the emulator process ended before it listened");
    }

    /** Starts the emulator in this JVM. */
    static SoakUpstream inThisProcess() {
        AirbyteEmulator emulator = AirbyteEmulator.builder().build().start();
        return new SoakUpstream(emulator.baseUri(), null, emulator);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the emulator prints nothing after its banner; keep the pipe from filling anyway
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    URI baseUri() {
        return baseUri;
    }

    String where() {
        return process != null ? "own process (pid " + process.pid() + ")" : "this process";
    }

    /** Adds a fault rule ({@code POST /_emulator/faults}). */
    void addFault(Map<String, Object> rule) {
        send(HttpRequest.newBuilder(baseUri.resolve("/_emulator/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(rule))), 201);
    }

    /** Removes every fault and releases the calls they hold ({@code DELETE /_emulator/faults}). */
    void clearFaults() {
        send(HttpRequest.newBuilder(baseUri.resolve("/_emulator/faults"))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** Makes the emulator refuse the operator tokens it issued, so that the library fetches a new one. */
    void revokeOperatorTokens() {
        send(HttpRequest.newBuilder(baseUri.resolve("/_emulator/revoke-operator-tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), 204);
        operatorToken = null;
    }

    /**
     * Creates a source in a workspace, as the widget does once a user connected one; its id. Made with
     * this driver's own operator token, so that faults on the library's calls do not touch it.
     */
    String createSource(String workspaceName) {
        for (int attempt = 0; attempt < 2; attempt++) {
            String token = operatorToken();
            HttpResponse<String> response = send(HttpRequest.newBuilder(baseUri.resolve("/api/v1/integrations/connectors"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("workspace_name", workspaceName,
                            "connector_type", "Postgres", "replication_config", Map.of("host", "db", "port", 5432,
                                    "database", "app", "username", "soak", "password", "soak"))))), -1);
            if (response.statusCode() == 401) {
                operatorToken = null;
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("creating a source answered " + response.statusCode());
            }
            return read(response.body()).get("id").asText();
        }
        throw new IllegalStateException("the emulator refused the driver's operator token twice");
    }

    private String operatorToken() {
        String token = operatorToken;
        if (token == null) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(baseUri.resolve("/api/v1/account/applications/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                            "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET)))), 200);
            token = read(response.body()).get("access_token").asText();
            operatorToken = token;
        }
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = control.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && response.statusCode() != expected) {
                throw new IllegalStateException(request.build().method() + " " + request.build().uri().getPath()
                        + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
