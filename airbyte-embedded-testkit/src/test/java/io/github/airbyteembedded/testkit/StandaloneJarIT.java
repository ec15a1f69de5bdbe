package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shaded jar built by the package phase runs the emulator with {@code java -jar ... --port}. */
class StandaloneJarIT {

    private static Path standaloneJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-standalone.jar in target/: run mvn verify"));
        }
    }

    @Test
    void javaDashJarServesTheEmulatorAndPrintsItsUrlAndClientIdButNeverTheSecret() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", standaloneJar().toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("Airbyte emulator listening on http://127.0.0.1:"), first);
            String baseUrl = first.substring("Airbyte emulator listening on ".length()).strip();
            assertTrue(out.readLine().contains(AirbyteEmulator.DEFAULT_CLIENT_ID));
            String secretLine = out.readLine();
            assertFalse(secretLine.contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET), secretLine);
            assertTrue(secretLine.contains("client_secret:   the default"), secretLine);

            HttpResponse<String> info = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/info")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, info.statusCode());
            assertTrue(info.body().contains(AirbyteEmulator.widgetScriptIntegrity()));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
