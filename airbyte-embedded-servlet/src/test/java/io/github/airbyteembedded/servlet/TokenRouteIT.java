package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import io.github.airbyteembedded.testkit.support.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token route end to end: Jetty 12, the filter, and the emulator on loopback. */
final class TokenRouteIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String TOKEN_CALL = "POST /api/v1/account/applications/token";
    private static final String WIDGET_CALL = "POST /api/v1/account/applications/widget-token";

    private AirbyteEmulator emulator;
    private TestWebApp app;

    @BeforeEach
    void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        emulator.close();
    }

    private AirbyteEmbeddedConfig.Builder config() {
        return AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN)
                .allowedOrigin("https://app.example.com");
    }

    private TestWebApp start(UnaryOperator<AirbyteEmbeddedConfig.Builder> change) throws Exception {
        app = TestWebApp.start(change.apply(config()).build());
        return app;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response).path("error").asText(), response.body());
        assertFalse(json(response).path("message").asText().isBlank());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void mintsATokenForThePrincipalsWorkspaceBoundToTheRequestOriginIgnoringTheBody() throws Exception {
        start(b -> b);
        HttpResponse<String> response = app.requestToken("alice", ORIGIN, "{\"userId\":\"bob\",\"workspace_name\":\"bob\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        JsonNode body = json(response);
        io.github.airbyteembedded.testkit.WidgetToken token =
                io.github.airbyteembedded.testkit.WidgetToken.decode(body.path("token").asText());
        assertEquals(ORIGIN, token.allowedOrigin());
        assertEquals(token.expiresAt(), Instant.parse(body.path("expiresAt").asText()));
        List<String> names = emulator.workspaces().stream().map(w -> w.name()).toList();
        assertEquals(List.of("alice"), names);
        assertEquals(emulator.workspaces().get(0).id(), token.workspaceId());
    }

    @Test
    void sameUserReusesTheirWorkspaceAndUsersGetSeparateOnes() throws Exception {
        start(b -> b);
        app.requestToken("alice", ORIGIN, "{}");
        app.requestToken("bob", ORIGIN, "{}");
        app.requestToken("alice", ORIGIN, "{}");
        assertEquals(List.of("alice", "bob"), emulator.workspaces().stream().map(w -> w.name()).sorted().toList());
    }

    @Test
    void anonymousRequestGetsJson401AndNoUpstreamCall() throws Exception {
        start(b -> b);
        assertError(app.requestToken(null, ORIGIN, "{\"userId\":\"alice\"}"), 401, "unauthenticated");
        assertTrue(emulator.calls().isEmpty(), emulator.calls().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null",
        "https://localhost:8080",
        "http://localhost:8081",
        "http://localhost",
        "http://127.0.0.1:8080",
        "http://localhost:8080/",
        "http://localhost:8080/app",
        "https://app.example.com.evil.example",
        "https://evil.example",
        "https://sub.app.example.com",
        "https://app.example.com:8443",
        "http://app.example.com",
    })
    void originThatIsNotExactlyAllowedGets403AndNoUpstreamCall(String origin) throws Exception {
        start(b -> b);
        assertError(app.requestToken("alice", origin, "{}"), 403, "origin_not_allowed");
        assertTrue(emulator.calls().isEmpty(), emulator.calls().toString());
        assertTrue(emulator.workspaces().isEmpty());
    }

    @Test
    void missingOriginGets403() throws Exception {
        start(b -> b);
        assertError(app.requestToken("alice", null, "{}"), 403, "origin_not_allowed");
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void twoOriginHeadersGet403() throws Exception {
        start(b -> b);
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice")
                .header("Origin", ORIGIN)
                .header("Origin", "https://app.example.com")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertError(response, 403, "origin_not_allowed");
    }

    @Test
    void originDifferingOnlyByCaseAndDefaultPortIsAcceptedAndSentNormalised() throws Exception {
        start(b -> b);
        HttpResponse<String> response = app.requestToken("alice", "HTTPS://APP.Example.com:443", "{}");
        assertEquals(200, response.statusCode(), response.body());
        String token = json(response).path("token").asText();
        assertEquals("https://app.example.com", io.github.airbyteembedded.testkit.WidgetToken.decode(token).allowedOrigin());
    }

    @Test
    void otherMethodsOnTheRouteGet405WithAllow() throws Exception {
        start(b -> b);
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN).GET().build());
        assertError(response, 405, "method_not_allowed");
        assertEquals("POST, OPTIONS", response.headers().firstValue("Allow").orElse(null));
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void otherRoutesPassThroughUntouched() throws Exception {
        start(b -> b);
        for (String path : List.of("/", "/hello", "/api/airbyte/widget-token/extra", "/api/airbyte/widget-tokens", "/API/airbyte/widget-token")) {
            HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(200, response.statusCode(), path);
            assertEquals("served", response.headers().firstValue("X-App").orElse(null), path);
        }
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void routeIsRelativeToTheContextPathAndConfigurable() throws Exception {
        FilterHolder holder = new FilterHolder(new AirbyteEmbeddedFilter(config().tokenPath("/airbyte/token").build()));
        holder.setAsyncSupported(true);
        app = TestWebApp.start(holder, "/shop");
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri("/airbyte/token"))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
        HttpResponse<String> defaultPath = app.send(HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, "alice").header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("served", defaultPath.headers().firstValue("X-App").orElse(null));
    }

    @Test
    void customResolverChoosesTheWorkspace() throws Exception {
        start(b -> b.workspaceResolver(request -> Optional.ofNullable(request.getUserPrincipal())
                .map(principal -> "tenant-" + principal.getName())));
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        assertEquals("tenant-alice", emulator.workspaces().get(0).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "line\nbreak", "tab\tname"})
    void invalidWorkspaceNameFromTheResolverIsRefusedBeforeAnyUpstreamCall(String name) throws Exception {
        start(b -> b.workspaceResolver(request -> Optional.of(name)));
        assertError(app.requestToken("alice", ORIGIN, "{}"), 400, "invalid_workspace_name");
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void overLongWorkspaceNameIsRefused() throws Exception {
        start(b -> b.workspaceResolver(request -> Optional.of("x".repeat(257))));
        assertError(app.requestToken("alice", ORIGIN, "{}"), 400, "invalid_workspace_name");
    }

    @Test
    void pseudonymsAreNeverMadeOfAnEmptyName() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        start(b -> b.workspaceResolver(WorkspaceResolver.pseudonymous(key, "p-")));
        assertError(app.requestToken("", ORIGIN, "{}"), 400, "invalid_workspace_name");
        assertError(app.requestToken(" ", ORIGIN, "{}"), 400, "invalid_workspace_name");
        assertTrue(emulator.calls().isEmpty(), emulator.calls().toString());
    }

    @Test
    void withCaseFoldingUsersWhoseNamesDifferOnlyInCaseShareOneWorkspace() throws Exception {
        start(b -> b.foldWorkspaceNameCase(true));
        for (String user : List.of("Alice", "alice", "ALICE")) {
            assertEquals(200, app.requestToken(user, ORIGIN, "{}").statusCode(), user);
        }
        assertEquals(List.of("alice"), emulator.workspaces().stream().map(w -> w.name()).toList());
    }

    @Test
    void withoutCaseFoldingTheCaseOfANameIsKept() throws Exception {
        start(b -> b);
        app.requestToken("Alice", ORIGIN, "{}");
        app.requestToken("alice", ORIGIN, "{}");
        assertEquals(List.of("Alice", "alice"), emulator.workspaces().stream().map(w -> w.name()).sorted().toList());
    }

    @Test
    void failingResolverGives500AndTheAppKeepsServing() throws Exception {
        start(b -> b.workspaceResolver(request -> {
            throw new IllegalStateException("resolver bug");
        }));
        assertError(app.requestToken("alice", ORIGIN, "{}"), 500, "internal_error");
        assertEquals(200, app.send(HttpRequest.newBuilder(app.uri("/hello")).build()).statusCode());
    }

    @Test
    void operatorTokenIsRefreshedAfterExpiryMinusSkewOnTheInjectedClock() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        start(b -> b.clock(clock).operatorTokenRefreshSkew(Duration.ofSeconds(60)));
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        clock.advance(Duration.ofSeconds(839));
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        assertEquals(1, emulator.callCount(TOKEN_CALL));

        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        assertEquals(2, emulator.callCount(TOKEN_CALL));
        assertEquals(3, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void revokedOperatorTokenIsFetchedAgainOnceAndTheRequestSucceeds() throws Exception {
        start(b -> b);
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        emulator.revokeOperatorTokens();

        HttpResponse<String> response = app.requestToken("alice", ORIGIN, "{}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, emulator.callCount(TOKEN_CALL));
        assertEquals(3, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void aBaseUrlWithTheApiV1OfTheVendorsDocsWorksLikeOneWithout() throws Exception {
        start(b -> b.apiBaseUri(emulator.baseUri() + "/api/v1"));

        HttpResponse<String> response = app.requestToken("alice", ORIGIN, "{}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, emulator.callCount(TOKEN_CALL));
        assertEquals(1, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void anOperatorTokenRefusedWith403IsFetchedAgainOnceBeforeCredentialsRejected() throws Exception {
        start(b -> b);
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        emulator.faults().add(Fault.status(WIDGET_CALL, 403).times(1)); // the spec's answer to a revoked token

        HttpResponse<String> response = app.requestToken("alice", ORIGIN, "{}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, emulator.callCount(TOKEN_CALL));
        assertEquals(3, emulator.callCount(WIDGET_CALL));
        emulator.faults().add(Fault.status(WIDGET_CALL, 403));
        assertError(app.requestToken("alice", ORIGIN, "{}"), 502, "upstream_credentials_rejected");
        assertEquals(3, emulator.callCount(TOKEN_CALL), "one fresh token, not a loop");
        assertEquals(5, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void wrongClientSecretGives502CredentialsRejected() throws Exception {
        start(b -> b.clientSecret("not-the-secret"));
        assertError(app.requestToken("alice", ORIGIN, "{}"), 502, "upstream_credentials_rejected");
        assertEquals(0, emulator.callCount(WIDGET_CALL));
    }

    @Test
    void unreachableAirbyteGives503WithRetryAfter() throws Exception {
        java.net.URI unreachable;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unreachable = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        java.net.URI closedPort = unreachable;
        start(b -> b.apiBaseUri(closedPort));
        HttpResponse<String> response = app.requestToken("alice", ORIGIN, "{}");
        assertError(response, 503, "upstream_unavailable");
        assertNotNull(response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void organizationIdIsSentWhenConfigured() throws Exception {
        emulator.close();
        java.util.UUID organization = java.util.UUID.randomUUID();
        emulator = AirbyteEmulator.builder().organizationId(organization).build().start();
        start(b -> b.organizationId(organization.toString()));
        assertEquals(200, app.requestToken("alice", ORIGIN, "{}").statusCode());
        app.close();
        app = null;
        start(b -> b.organizationId(java.util.UUID.randomUUID().toString()));
        assertEquals(502, app.requestToken("bob", ORIGIN, "{}").statusCode());
    }

    @Test
    void webXmlInitParamsConfigureTheFilterWithTheSecretFromASystemProperty() throws Exception {
        assertEquals(200, tokenFromWebXmlConfiguredFilter(true).statusCode());
    }

    @Test
    void containerWithoutAsyncSupportStillGetsAnAnswer() throws Exception {
        assertEquals(200, tokenFromWebXmlConfiguredFilter(false).statusCode());
    }

    private HttpResponse<String> tokenFromWebXmlConfiguredFilter(boolean asyncSupported) throws Exception {
        String property = "airbyte.test.secret." + System.nanoTime();
        System.setProperty(property, AirbyteEmulator.DEFAULT_CLIENT_SECRET);
        try {
            app = TestWebApp.startFromInitParams(Map.of(
                    "client-id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                    "client-secret-property", property,
                    "api-base-url", emulator.baseUri().toString(),
                    "allowed-origins", ORIGIN + ", https://app.example.com"), asyncSupported);
            return app.requestToken("alice", ORIGIN, "{}");
        } finally {
            System.clearProperty(property);
        }
    }
}
