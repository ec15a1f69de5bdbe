package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * The route matcher on any request URI under any context path: it never throws; a match names a path
 * without {@code ;} parameters that is exactly the route path of its target (or one segment under the
 * sources path); it says there were parameters exactly when the URI had a {@code ;}; without them the URI
 * is the context path and the matched path, byte for byte; and a URI that is a route path exactly is
 * always matched.
 */
class RoutePathsFuzzTest {

    private static final AirbyteEmbeddedConfig CONFIG = AirbyteEmbeddedConfig.builder()
            .clientId("fuzz-client")
            .clientSecret("fuzz-secret")
            .allowedOrigin("https://app.example.com")
            .build();
    private static final RoutePaths PATHS = new RoutePaths(CONFIG);

    /** First line: the context path; the rest: the request URI after it. */
    @FuzzTest
    void routeMatch(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String contextPath = contextPath(newline < 0 ? "" : text.substring(0, newline));
        String rest = newline < 0 ? text : text.substring(newline + 1);
        String uri = contextPath + rest;
        RoutePaths.Match match = PATHS.match(request(contextPath, uri));
        if (match == null) {
            assertFalse(isRoutePath(rest) && rest.indexOf(';') < 0, "a route path exactly is always matched");
            return;
        }
        assertEquals(-1, match.path().indexOf(';'));
        assertEquals(rest.indexOf(';') >= 0, match.hasPathParameters());
        if (!match.hasPathParameters()) {
            assertEquals(uri, contextPath + match.path());
        }
        assertEquals(match.target(), targetOf(match.path()));
    }

    private static String contextPath(String line) {
        String path = line.startsWith("/") || line.isEmpty() ? line : "/" + line;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static boolean isRoutePath(String path) {
        return targetOf(path) != null;
    }

    private static RoutePaths.Target targetOf(String path) {
        if (path.equals(CONFIG.tokenPath())) {
            return RoutePaths.Target.TOKEN;
        }
        if (path.equals(CONFIG.sourcesPath())) {
            return RoutePaths.Target.SOURCES;
        }
        if (path.equals(CONFIG.sourceEventsPath())) {
            return RoutePaths.Target.SOURCE_EVENTS;
        }
        String prefix = CONFIG.sourcesPath() + "/";
        if (path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0) {
            return RoutePaths.Target.SOURCE;
        }
        return null;
    }

    private static HttpServletRequest request(String contextPath, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(RoutePathsFuzzTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getRequestURI":
                            return uri;
                        case "getContextPath":
                            return contextPath;
                        default:
                            assertNotNull(null, "the matcher reads only the URI and the context path, not " + method.getName());
                            return null;
                    }
                });
    }
}
