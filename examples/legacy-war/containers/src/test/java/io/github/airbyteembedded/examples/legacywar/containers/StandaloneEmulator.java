package io.github.airbyteembedded.examples.legacywar.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.leaks.CapturedOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulator as a user runs it for development, with its contract checks on: {@code java -jar
 * ...-standalone.jar --port 0 --contract-checks true}, its own process.
 */
final class StandaloneEmulator implements AutoCloseable {

    private static final String LISTENING = "Airbyte emulator listening on ";
    /**
     * The line of its start-up banner that states the client secret it accepts, on purpose (a developer
     * configures the application with it): the one line of its output the leak scan does not read. The
     * containers' output, where the library runs with that secret, is scanned whole.
     */
    private static final String CLIENT_SECRET_LINE = "  client_secret:";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ContainerProcess process;
    private final URI baseUri;

    private StandaloneEmulator(ContainerProcess process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    static StandaloneEmulator start(String name) {
        Path jar = Deployables.file("airbyte-emulator-standalone.jar");
        // It records what it issues, for the leak scan of this test run (see close()).
        ContainerProcess process = ContainerProcess.startJava(name, jar.getParent(), Map.of(),
                List.of("-D" + AirbyteEmulator.RECORD_ISSUED_SECRETS + "=true", "-jar", jar.toString(), "--port", "0",
                        "--contract-checks", "true"), line -> !line.startsWith(CLIENT_SECRET_LINE));
        try {
            String line = process.awaitLine(text -> text.startsWith(LISTENING), Duration.ofSeconds(30));
            return new StandaloneEmulator(process, URI.create(line.substring(LISTENING.length()).strip()));
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    ContainerProcess process() {
        return process;
    }

    /** Forgets every workspace and source (between journeys). */
    void reset() throws IOException, InterruptedException {
        // State-changing inspection calls need a JSON content type (no simple cross-site POST can reset it).
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri + "/_emulator/reset"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 204) {
            throw new IllegalStateException("reset answered " + answer.statusCode());
        }
    }

    /**
     * The contract violations an emulator recorded, as its inspection API lists them ({@code []} when every
     * call kept the vendor's contract, or when its contract checks are off).
     */
    static String contractViolations(URI emulator) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator + "/_emulator/contract-violations")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The ids of the sources in a workspace of an emulator, from its inspection API. */
    static List<String> sourceIds(URI emulator, String workspace) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(emulator + "/_emulator/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(body).path("workspaces")) {
            if (workspace.equals(node.path("name").asText())) {
                node.path("sources").forEach(source -> ids.add(source.path("id").asText()));
            }
        }
        return ids;
    }

    /** Hands what the emulator issued to the leak scan, then stops it. */
    @Override
    public void close() {
        try {
            HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri + "/_emulator/issued-secrets")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> secrets = new ArrayList<>();
            new ObjectMapper().readTree(issued.body()).forEach(secret -> secrets.add(secret.asText()));
            CapturedOutput.lookFor(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("could not ask " + process.name() + " what it issued", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.close();
        }
    }
}
