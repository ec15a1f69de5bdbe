package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.WidgetToken;
import io.github.airbyteembedded.testkit.junit.AirbyteEmulatorExtension;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java code that the pages of {@code docs/} show, compiled (and, for the emulator's, run) with the
 * tests: each snippet is a region between {@code tag::name[]} and {@code end::name[]}, which
 * {@code DocSnippetsTest} (module build-checks) compares with the page.
 */
class DocsCodeTest {

    /** docs/servlet.md: the filter registered in code, and a page rendered by a servlet. */
    static void registerInCode(ServletContext servletContext, HttpServletRequest request, HttpServletResponse response, PrintWriter out) {
        // tag::register-in-code[]
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                .clientId(System.getenv("AIRBYTE_CLIENT_ID")).clientSecret(System.getenv("AIRBYTE_CLIENT_SECRET"))
                .allowedOrigin("https://app.example.com")            // fails at build(), naming the bad setting
                .widgetScript(WidgetScript.builder().version("0.4.5").integrity("sha384-...").build())
                .addContentSecurityPolicy(true).build();              // pages that render the scripts get the widget's CSP
        FilterRegistration.Dynamic filter = servletContext.addFilter("airbyteEmbedded", new AirbyteEmbeddedFilter(config));
        filter.setAsyncSupported(true);                                // no container thread waits on Airbyte
        filter.addMappingForUrlPatterns(null, true, "/*");             // after your authentication filter
        // In the servlet that renders the page:
        WidgetPage page = WidgetPage.of(request, response);
        out.println("<head>" + page.scripts() + "</head><body>" + page.connectButton("Connect your data") + "</body>");
        // end::register-in-code[]
    }

    /** docs/connected-sources.md: the user's sources from Java. */
    static boolean sourcesApi(AirbyteEmbeddedConfig config, HttpServletRequest request, String sourceId) {
        // tag::sources-api[]
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(config);          // or filter.airbyteEmbedded()
        Optional<String> workspace = airbyte.workspaceName(request);        // the configured resolver, as the routes use it
        List<ConnectedSource> mine = workspace.map(name -> airbyte.sources().list(name).join()).orElse(List.of());
        boolean deleted = airbyte.sources().disconnect(workspace.orElseThrow(), sourceId).join(); // false: not yours
        // end::sources-api[]
        return deleted && !mine.isEmpty();
    }

    /** docs/page-side.md: the application's own policy with the widget's merged in. */
    static void mergeCsp(HttpServletRequest request, HttpServletResponse response) {
        // tag::merge-csp[]
        WidgetPage page = WidgetPage.of(request, response);
        response.setHeader("Content-Security-Policy", page.contentSecurityPolicy().mergeInto("default-src 'self'; img-src 'self' https:"));
        // end::merge-csp[]
    }

    /** docs/page-side.md: the widget script served by the emulator. */
    static WidgetScript emulatorWidgetScript(AirbyteEmulator emulator) {
        // tag::emulator-widget-script[]
        WidgetScript script = WidgetScript.builder()
                .cdnBase(emulator.baseUri() + "/npm")           // the emulator serves its widget at the CDN's path
                .computeIntegrity()                             // fetched once at startup: AirbyteEmulator.widgetScriptIntegrity()
                .styleHash(AirbyteEmulator.widgetStyleCspHash())
                .build();
        // end::emulator-widget-script[]
        return script;
    }

    /** docs/workspaces.md: the resolvers. */
    static List<WorkspaceResolver> resolvers(byte[] key) {
        return List.of(
                // tag::resolvers[]
                WorkspaceResolver.principalName(),                                  // the default: request.getUserPrincipal().getName()
                WorkspaceResolver.requestAttribute("com.example.tenant"),           // set by your own authentication filter
                WorkspaceResolver.pseudonymous(key, "acme-"),                       // "acme-" + HMAC-SHA256(key, principal name), 32 hex
                WorkspaceResolver.requestAttribute("com.example.user").pseudonymized(key, "acme-"),  // any resolver, pseudonymized
                request -> Optional.ofNullable(request.getUserPrincipal()).map(p -> "tenant-" + tenantOf(p))  // your own
                // end::resolvers[]
        );
    }

    private static String tenantOf(java.security.Principal principal) {
        return principal.getName();
    }

    /** docs/operations.md: statistics and the health check. */
    static OperatorTokenStatus statistics(AirbyteEmbedded airbyte) {
        // tag::statistics[]
        TokenRouteStatistics stats = airbyte.statistics();
        stats.count("ok");                         // widget tokens issued
        stats.count("rate_limited");               // any ErrorCode.code()
        stats.upstreamCallsInFlight();
        stats.upstreamCallsQueued();               // requests waiting their turn past the in-flight bound
        stats.queueWait().p99();                   // how long they waited (admitted or refused)
        stats.upstreamLatency().p99();             // count, mean, max, p50, p90, p99 of every call to Airbyte
        OperatorTokenStatus health = airbyte.checkOperatorToken().join();   // for health checks
        // end::statistics[]
        return health;
    }

    /** docs/testkit.md: faults from Java. */
    static List<Fault> faults(AirbyteEmulator emulator, String endpoint) throws InterruptedException {
        // tag::faults[]
        emulator.faults().add(Fault.status("POST /api/v1/account/applications/widget-token", 503).retryAfterSeconds(2).times(3));
        emulator.faults().add(Fault.delay("POST /api/v1/account/applications/token", Duration.ofMillis(50)));
        emulator.faults().add(Fault.hang("POST /api/v1/account/applications/token"));
        emulator.faults().awaitHeldCalls(1, Duration.ofSeconds(10));   // the call has arrived and is held
        emulator.faults().clear();                                     // releases it
        emulator.faults().add(Fault.reset(endpoint)); emulator.faults().add(Fault.malformed(endpoint));
        emulator.faults().add(Fault.foreignSource());                  // the sources list shows every workspace's sources
        emulator.faults().add(Fault.stallBody(endpoint));                          // headers, half the body, then nothing
        emulator.faults().add(Fault.slowBody(endpoint, Duration.ofMillis(100)));   // one byte every 100 ms
        emulator.faults().add(Fault.hugeBody(endpoint, 500, 64L * 1024 * 1024));   // a 64 MiB error body
        emulator.faults().add(Fault.truncated(endpoint)); emulator.faults().add(Fault.wrongTypes(endpoint));
        List<Fault> active = emulator.faults().active();
        // end::faults[]
        return active;
    }

    /** docs/testkit.md: the emulator in a plain test. */
    @Test
    void anEmulatorInAPlainTest() {
        // tag::emulator-in-a-test[]
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {   // free port on 127.0.0.1
            MyClient client = new MyClient(emulator.baseUri(),                          // e.g. http://127.0.0.1:54321
                    AirbyteEmulator.DEFAULT_CLIENT_ID, AirbyteEmulator.DEFAULT_CLIENT_SECRET);
            String token = client.widgetToken("alice", "http://localhost:8080");
            WidgetToken decoded = WidgetToken.decode(token);
            assertEquals("http://localhost:8080", decoded.allowedOrigin());
            assertEquals(1, emulator.callCount("POST /api/v1/account/applications/token"));
            assertEquals("alice", emulator.workspaces().get(0).name());
        }
        // end::emulator-in-a-test[]
    }

    /** docs/testkit.md: the emulator through the JUnit Jupiter extension. */
    @Nested
    // tag::extension[]
    @ExtendWith(AirbyteEmulatorExtension.class)
    class WidgetTokenClientTest {
        @Test
        void retriesWhenAirbyteIsUnavailable(AirbyteEmulator emulator) {
            emulator.faults().add(Fault.status("POST /api/v1/account/applications/widget-token", 503).times(1));
            MyClient client = new MyClient(emulator.baseUri(),
                    AirbyteEmulator.DEFAULT_CLIENT_ID, AirbyteEmulator.DEFAULT_CLIENT_SECRET);
            assertNotNull(client.widgetToken("alice", "http://localhost:8080"));
            assertEquals(2, emulator.callCount("POST /api/v1/account/applications/widget-token"));
        }
    }
    // end::extension[]

    /**
     * The "client under test" of the testkit's examples: an operator token, then a widget token, with one
     * retry when Airbyte answers 503.
     */
    static final class MyClient {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI baseUri;
        private final String clientId;
        private final String clientSecret;

        MyClient(URI baseUri, String clientId, String clientSecret) {
            this.baseUri = baseUri;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        String widgetToken(String workspace, String origin) {
            String operator = post("/api/v1/account/applications/token", null,
                    Map.of("client_id", clientId, "client_secret", clientSecret)).path("access_token").asText();
            Map<String, String> body = Map.of("workspace_name", workspace, "allowed_origin", origin);
            try {
                return post("/api/v1/account/applications/widget-token", operator, body).path("token").asText();
            } catch (IllegalStateException unavailable) {
                return post("/api/v1/account/applications/widget-token", operator, body).path("token").asText();
            }
        }

        private JsonNode post(String path, String bearer, Map<String, String> body) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
