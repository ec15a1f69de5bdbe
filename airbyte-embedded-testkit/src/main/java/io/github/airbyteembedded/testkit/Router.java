package io.github.airbyteembedded.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Matches {@code METHOD /path/{param}} patterns; answers 404 and 405 in FastAPI's shape. */
final class Router {

    private record Route(String method, String[] segments, Function<Request, Response> handler) {
    }

    private record PatternRoute(String method, java.util.regex.Pattern path, Function<Request, Response> handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<PatternRoute> patternRoutes = new ArrayList<>();

    /** A route whose whole path matches a regular expression (for paths like {@code /npm/pkg@1.2.3/...}). */
    Router addPattern(String method, String regex, Function<Request, Response> handler) {
        patternRoutes.add(new PatternRoute(method, java.util.regex.Pattern.compile(regex), handler));
        return this;
    }

    Router add(String method, String pattern, Function<Request, Response> handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    Response route(Request request) {
        String[] segments = split(request.path());
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> parameters = match(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(request.method())) {
                return route.handler().apply(request.withPathParameters(parameters));
            }
        }
        for (PatternRoute route : patternRoutes) {
            if (route.path().matcher(request.path()).matches()) {
                pathMatched = true;
                if (route.method().equals(request.method())) {
                    return route.handler().apply(request);
                }
            }
        }
        return pathMatched ? Errors.detail(405, "Method Not Allowed") : Errors.detail(404, "Not Found");
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String expected = pattern[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), path[i]);
            } else if (!expected.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
