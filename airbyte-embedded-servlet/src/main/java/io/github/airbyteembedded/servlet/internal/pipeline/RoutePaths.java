package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are addressed to the routes: the one matcher of the filter and of everything that
 * must agree with it (the Spring Security integration's CSRF exemption and JSON 401, through {@link
 * AirbyteEmbedded#isRouteRequest(HttpServletRequest)}).
 *
 * <p>The request URI after the context path is compared as a plain string, without decoding, once path
 * parameters ({@code ;} up to the next {@code /}) are removed from every segment, as containers do for
 * the servlet path: {@code /api/airbyte/sources/abc;x=/y} is {@code /api/airbyte/sources/abc/y}, which
 * is no route. A request to a route that carries path parameters is the route's; the route refuses it.
 *
 * <p>The routes: the token path, and unless the sources routes are off, the sources path, one segment
 * under it, and the source-events path, with any method. Matching a request to another path does not
 * allocate.
 */
public final class RoutePaths {

    /** What a route path names. */
    enum Target {
        TOKEN, SOURCES, SOURCE, SOURCE_EVENTS
    }

    /** A request addressed to a route: the target, its path without parameters, and whether it had any. */
    record Match(Target target, String path, boolean hasPathParameters) {
    }

    private final String tokenPath;
    private final String sourcesPath;
    private final String sourceEventsPath;
    private final String sourcePrefix;

    public RoutePaths(AirbyteEmbeddedConfig config) {
        this.tokenPath = config.tokenPath();
        this.sourcesPath = config.sourceRoutesEnabled() ? config.sourcesPath() : null;
        this.sourceEventsPath = config.sourceRoutesEnabled() ? config.sourceEventsPath() : null;
        this.sourcePrefix = sourcesPath == null ? null : sourcesPath + "/";
    }

    /** The route a request is addressed to, or {@code null}. */
    public Match match(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return null;
        }
        String contextPath = request.getContextPath();
        int from = contextPath == null ? 0 : contextPath.length();
        if (from > 0 && !uri.startsWith(contextPath)) {
            return null;
        }
        if (uri.indexOf(';', from) < 0) {
            Target target = target(uri, from, uri.length());
            return target == null ? null : new Match(target, uri.substring(from), false);
        }
        String path = withoutPathParameters(uri, from);
        Target target = target(path, 0, path.length());
        return target == null ? null : new Match(target, path, true);
    }

    private Target target(String uri, int from, int to) {
        if (isExactly(uri, from, to, tokenPath)) {
            return Target.TOKEN;
        }
        if (sourcesPath == null) {
            return null;
        }
        if (isExactly(uri, from, to, sourcesPath)) {
            return Target.SOURCES;
        }
        if (isExactly(uri, from, to, sourceEventsPath)) {
            return Target.SOURCE_EVENTS;
        }
        int segment = from + sourcePrefix.length();
        if (to > segment && uri.regionMatches(from, sourcePrefix, 0, sourcePrefix.length())) {
            int slash = uri.indexOf('/', segment);
            return slash < 0 || slash >= to ? Target.SOURCE : null;
        }
        return null;
    }

    private static boolean isExactly(String uri, int from, int to, String path) {
        return to - from == path.length() && uri.regionMatches(from, path, 0, path.length());
    }

    /** {@code uri} after {@code from}, without the {@code ;...} parameters of each segment. */
    private static String withoutPathParameters(String uri, int from) {
        StringBuilder path = new StringBuilder(uri.length() - from);
        boolean inParameters = false;
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                inParameters = false;
            } else if (c == ';') {
                inParameters = true;
            }
            if (!inParameters) {
                path.append(c);
            }
        }
        return path.toString();
    }
}
