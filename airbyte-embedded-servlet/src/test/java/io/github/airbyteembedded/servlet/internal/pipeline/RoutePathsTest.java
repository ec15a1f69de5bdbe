package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

final class RoutePathsTest {

    private final RoutePaths paths = new RoutePaths(AirbyteEmbeddedConfig.builder().clientId("id").clientSecret("secret")
            .allowedOrigin("https://app.example.com").build());

    private static HttpServletRequest request(String contextPath, String uri) {
        HttpServletRequest request = Mockito.mock(HttpServletRequest.class);
        Mockito.when(request.getContextPath()).thenReturn(contextPath);
        Mockito.when(request.getRequestURI()).thenReturn(uri);
        return request;
    }

    private RoutePaths.Match match(String uri) {
        return paths.match(request("", uri));
    }

    @Test
    void matchesEachRoute() {
        assertEquals(new RoutePaths.Match(RoutePaths.Target.TOKEN, "/api/airbyte/widget-token", false), match("/api/airbyte/widget-token"));
        assertEquals(RoutePaths.Target.SOURCES, match("/api/airbyte/sources").target());
        assertEquals(RoutePaths.Target.SOURCE, match("/api/airbyte/sources/abc").target());
        assertEquals(RoutePaths.Target.SOURCE_EVENTS, match("/api/airbyte/source-events").target());
    }

    @Test
    void matchesNothingElse() {
        for (String uri : new String[] {"/", "/api/airbyte/sources/", "/api/airbyte/sources/a/b", "/api/airbyte/sourcesX",
            "/api/airbyte/widget-token/", "/API/airbyte/widget-token", "/api/airbyte/widget-token%3B"}) {
            assertNull(match(uri), uri);
        }
    }

    @Test
    void removesPathParametersFromEverySegmentAsTheContainerDoes() {
        assertEquals(new RoutePaths.Match(RoutePaths.Target.SOURCE, "/api/airbyte/sources/abc", true),
                match("/api/airbyte/sources/abc;x=1"));
        assertEquals(new RoutePaths.Match(RoutePaths.Target.SOURCE, "/api/airbyte/sources/abc", true),
                match("/api/airbyte/sources;x=1/abc"));
        assertEquals(new RoutePaths.Match(RoutePaths.Target.TOKEN, "/api/airbyte/widget-token", true),
                match("/api;a/airbyte;b/widget-token;jsessionid=1"));
        assertNull(match("/api/airbyte/sources/abc;x=/y"), "the application sees /api/airbyte/sources/abc/y");
        assertNull(match("/hello;x=/api/airbyte/widget-token"));
    }

    @Test
    void matchesRelativeToTheContextPath() {
        assertEquals(RoutePaths.Target.TOKEN, paths.match(request("/shop", "/shop/api/airbyte/widget-token")).target());
        assertNull(paths.match(request("/shop", "/api/airbyte/widget-token")));
    }
}
