package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AirbyteEmbeddedRoutesTest {

    private final AirbyteEmbeddedRoutes routes = of(AirbyteEmbeddedConfig.builder().clientId("id")
            .clientSecret("secret").allowedOrigin("https://app.example.com").tokenPath("/airbyte/token").build());

    @Test
    void takesThePathsFromTheConfiguration() {
        AirbyteEmbeddedRoutes custom = of(AirbyteEmbeddedConfig.builder().clientId("id")
                .clientSecret("secret").allowedOrigin("https://app.example.com")
                .sourcesPath("/data/sources").sourceEventsPath("/data/events").build());
        assertTrue(custom.matches(request("", "/data/sources")));
        assertTrue(custom.matches(request("", "/data/sources/abc")));
        assertTrue(custom.matches(request("", "/data/events")));
        assertFalse(custom.matches(request("", "/api/airbyte/sources")));
    }

    @Test
    void leavesTheSourcesPathsAloneWhenTheSourcesRoutesAreOff() {
        AirbyteEmbeddedRoutes tokenOnly = of(AirbyteEmbeddedConfig.builder().clientId("id")
                .clientSecret("secret").allowedOrigin("https://app.example.com").sourceRoutes(false).build());
        assertTrue(tokenOnly.matches(request("", "/api/airbyte/widget-token")));
        assertFalse(tokenOnly.matches(request("", "/api/airbyte/sources")));
        assertFalse(tokenOnly.matches(request("", "/api/airbyte/source-events")));
    }

    @Test
    void leavesTheBootstrapScriptAlone() {
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder().clientId("id").clientSecret("secret")
                .allowedOrigin("https://app.example.com").build();
        String bootstrap = io.github.airbyteembedded.servlet.AirbyteEmbedded.create(config).bootstrapScriptPath();
        assertFalse(of(config).matches(request("", bootstrap)));
    }

    @Test
    void matchesTheTokenRouteAndTheSourcesRoutes() {
        assertTrue(routes.matches(request("", "/airbyte/token")));
        assertTrue(routes.matches(request("", "/api/airbyte/sources")));
        assertTrue(routes.matches(request("", "/api/airbyte/sources/3f1d0c5e-9b7a-4d4c-8e6f-1a0b9c8d7e6f")));
        assertTrue(routes.matches(request("", "/api/airbyte/source-events")));
    }

    @Test
    void matchesRelativeToTheContextPathAndIgnoresPathParameters() {
        assertTrue(routes.matches(request("/shop", "/shop/airbyte/token")));
        assertTrue(routes.matches(request("", "/airbyte/token;jsessionid=abc")));
        assertFalse(routes.matches(request("/shop", "/airbyte/token")));
    }

    @Test
    void matchesNothingElse() {
        assertFalse(routes.matches(request("", "/api/airbyte/widget-token")), "the default path was changed");
        assertFalse(routes.matches(request("", "/airbyte/token/")));
        assertFalse(routes.matches(request("", "/api/airbyte/sources/")));
        assertFalse(routes.matches(request("", "/api/airbyte/sources/a/b")));
        assertFalse(routes.matches(request("", "/api/airbyte/sourcesX")));
        assertFalse(routes.matches(request("", "/")));
    }

    @Test
    void listsItsPatterns() {
        assertEquals(List.of("/airbyte/token", "/api/airbyte/sources", "/api/airbyte/sources/*", "/api/airbyte/source-events"),
                routes.patterns());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/airbyte/token", "/airbyte/token;jsessionid=abc", "/api/airbyte/sources", "/api/airbyte/sources;x=1",
        "/api/airbyte/sources/abc", "/api/airbyte/sources/abc;x=/y", "/api/airbyte/sources;x=/abc", "/api/airbyte/sources/a/b",
        "/api/airbyte/source-events", "/api/airbyte/source-events;x", "/airbyte/token/", "/hello", "/hello;x=/airbyte/token"})
    void matchesExactlyTheRequestsTheFilterAnswers(String uri) throws Exception {
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder().clientId("id").clientSecret("secret")
                .allowedOrigin("https://app.example.com").tokenPath("/airbyte/token").build();
        MockFilterChain chain = new MockFilterChain();
        new AirbyteEmbeddedFilter(config).doFilter(request("", uri), new MockHttpServletResponse(), chain);
        boolean answeredByTheFilter = chain.getRequest() == null;
        assertEquals(answeredByTheFilter, of(config).matches(request("", uri)), uri);
    }

    private static AirbyteEmbeddedRoutes of(AirbyteEmbeddedConfig config) {
        return AirbyteEmbeddedRoutes.of(io.github.airbyteembedded.servlet.AirbyteEmbedded.create(config));
    }

    private static MockHttpServletRequest request(String contextPath, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContextPath(contextPath);
        return request;
    }
}
