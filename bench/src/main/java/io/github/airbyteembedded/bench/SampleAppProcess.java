package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The sample app (Spring Boot, Spring Security, Tomcat) started from its jar as a process of its own,
 * against an emulator in another process, with the benchmark's routes added ({@link SampleRoutesJar})
 * through Spring Boot's {@code PropertiesLauncher} and {@code loader.path}. Its settings are system
 * properties: the emulator as Airbyte, the rate limit off, Boot's defaults for everything else (200
 * Tomcat threads, G1, the sample's logging and metrics).
 */
final class SampleAppProcess implements AutoCloseable {

    /** The origin the app allows, as a browser on its pages sends it. */
    static final String ORIGIN = "http://localhost:8080";

    private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final String MAIN = "io.github.airbyteembedded.sample.SampleApplication";
    private static final Pattern STARTED = Pattern.compile("Started SampleApplication");

    private final ChildJvm jvm;
    private final URI baseUri;
    private final Map<String, String> properties;

    private SampleAppProcess(ChildJvm jvm, URI baseUri, Map<String, String> properties) {
        this.jvm = jvm;
        this.baseUri = baseUri;
        this.properties = properties;
    }

    /**
     * Starts the sample's jar on a free port, Airbyte being the emulator at {@code apiBase} (which delays
     * each call by {@code upstreamLatency}, as the asynchronous no-op route then does), and waits until
     * it serves.
     */
    static SampleAppProcess start(Path sampleJar, Path routesJar, URI apiBase, Duration upstreamLatency, List<String> jvmArgs,
            Path directory)
            throws IOException {
        if (!Files.isRegularFile(sampleJar)) {
            throw new IllegalArgumentException(sampleJar + " not found: build it first (mvn -q -pl sample-app -am -DskipTests package), "
                    + "or give --sample-jar=<path>");
        }
        int port = freeFourDigitPort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("loader.path", routesJar.toString());
        properties.put("loader.main", MAIN);
        properties.put("server.port", Integer.toString(port));
        properties.put("airbyte.embedded.emulator", "false");
        properties.put("airbyte.embedded.api-base-url", apiBase.toString());
        properties.put("airbyte.embedded.client-id", AirbyteEmulator.DEFAULT_CLIENT_ID);
        properties.put("airbyte.embedded.client-secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET);
        properties.put("airbyte.embedded.allowed-origins", ORIGIN);
        properties.put("airbyte.embedded.rate-limit", "off");
        properties.put(SampleBenchRoutes.ASYNC_NOOP_DELAY_PROPERTY, Long.toString(upstreamLatency.toMillis()));
        List<String> args = new ArrayList<>(jvmArgs);
        properties.forEach((name, value) -> args.add("-D" + name + "=" + value));
        args.add("-cp");
        args.add(sampleJar.toString());
        ChildJvm jvm = ChildJvm.start("sample-app", args, List.of(LAUNCHER), directory.resolve("sample-app.log"));
        try {
            jvm.awaitLog(STARTED, Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
        return new SampleAppProcess(jvm, URI.create("http://127.0.0.1:" + port), properties);
    }

    /**
     * A free port of four digits, so that the names of Tomcat's threads ({@code http-nio-<port>-exec-N})
     * still tell their role within the 15 characters Linux keeps of them ({@link ProcessCpu#groupOf}).
     */
    private static int freeFourDigitPort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(2000, 10_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port between 2000 and 9999");
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    ChildJvm jvm() {
        return jvm;
    }

    Map<String, String> properties() {
        return properties;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
