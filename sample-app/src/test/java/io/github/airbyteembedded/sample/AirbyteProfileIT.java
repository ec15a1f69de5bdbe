package io.github.airbyteembedded.sample;

import static io.github.airbyteembedded.sample.SampleHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code airbyte} profile (the real service) takes the credentials, the allowed origin and the
 * organization from the {@code AIRBYTE_*} variables and starts no emulator. "The real service" is an
 * emulator started by the test with credentials of its own, reached through {@code AIRBYTE_API_BASE_URL}
 * (no network in tests); the variables are given as properties, which Spring resolves the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "AIRBYTE_CLIENT_ID=sample-client-id",
        "AIRBYTE_CLIENT_SECRET=sample-client-secret",
        "AIRBYTE_ALLOWED_ORIGINS=https://app.example.com"})
@ActiveProfiles("airbyte")
@DirtiesContext
class AirbyteProfileIT {

    private static final AirbyteEmulator SERVICE = AirbyteEmulator.builder()
            .clientId("sample-client-id").clientSecret("sample-client-secret").build().start();

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        registry.add("AIRBYTE_API_BASE_URL", SERVICE.baseUri()::toString);
        registry.add("AIRBYTE_ORGANIZATION_ID", SERVICE.organizationId()::toString);
    }

    @AfterAll
    static void stopService() {
        SERVICE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AirbyteEmbedded airbyte;

    @Test
    void usesTheCredentialsAndOriginFromTheEnvironmentAndStartsNoEmulator() {
        assertEquals(0, context.getBeansOfType(AirbyteEmulator.class).size());
        assertEquals(SERVICE.organizationId().toString(), airbyte.config().organizationId().orElseThrow());
        SampleHttp http = new SampleHttp(port);

        HttpResponse<String> allowed = http.send(http.request("/api/airbyte/widget-token", "alice")
                .header("Origin", "https://app.example.com").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(1, SERVICE.callCount("POST /api/v1/account/applications/token"));
        assertTrue(SERVICE.workspace("alice").isPresent(), "the token route created alice's workspace");

        HttpResponse<String> otherOrigin = http.send(http.request("/api/airbyte/widget-token", "alice")
                .header("Origin", SampleHttp.ORIGIN).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, otherOrigin.statusCode());
        assertEquals("origin_not_allowed", json(otherOrigin).path("error").asText());
    }

    @Test
    void thePageLoadsTheVendorsWidgetFromTheCdnAndItsPolicyAllowsExactlyThatFile() {
        SampleHttp http = new SampleHttp(port);
        HttpResponse<String> home = http.send(http.request("/", "bob").header("Accept", "text/html"));
        assertEquals(200, home.statusCode(), home.body());
        String script = "https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js";
        assertTrue(home.body().contains("src=\"" + script + "\""), home.body());
        assertTrue(home.headers().firstValue("Content-Security-Policy").orElseThrow().contains(script));
    }
}
