package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every route checks before its own work, in this order, each refusal before any call to Airbyte
 * and before the body is read: path parameters refused, CORS preflight for allowed origins, method,
 * the authenticated user's workspace, the exact origin, the user's rate limit (in a shared store, the
 * request's thread waits for it at most the store's timeout). The result is a {@link
 * Verdict}: a {@link CheckedRequest}, or the error to answer with.
 *
 * <p>The origin rule: a request that carries an {@code Origin} header must carry an allowed one. A
 * request without one is refused too, except a {@code GET}: browsers omit {@code Origin} on same-origin
 * GETs, and a GET changes nothing (a cross-origin page still cannot read the answer, which carries no
 * CORS headers for it).
 *
 * <p>The checks write only headers ({@code Vary}, the CORS ones, {@code Allow}); a preflight they answer
 * whole, uncounted.
 */
public final class RequestChecks {

    private static final Logger LOG = System.getLogger(RequestChecks.class.getName());
    private static final List<String> PREFLIGHT_HEADERS = List.of("content-type", "x-csrf-token", "x-xsrf-token", "x-requested-with");

    /** What the checks decided. */
    sealed interface Verdict {
    }

    /** The request passed; its body is still to be read. */
    record Passed(CheckedRequest request) implements Verdict {
    }

    /** The request is refused with this error (and {@code Retry-After}, where the code carries one). */
    record Refused(ErrorCode code, Duration retryAfter) implements Verdict {

        Refused(ErrorCode code) {
            this(code, null);
        }
    }

    /** A CORS preflight, answered already. */
    record Preflight() implements Verdict {
    }

    /** What a route allows at a path: its methods and its per-user rate limit. */
    record Rules(Set<String> methods, Optional<RateLimiter> rateLimiter) {
    }

    private final List<Origin> allowedOrigins;
    private final Map<String, Origin> allowedBySerialization;
    private final Users users;

    public RequestChecks(List<Origin> allowedOrigins, Users users) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.allowedBySerialization = this.allowedOrigins.stream()
                .collect(Collectors.toUnmodifiableMap(Origin::serialized, origin -> origin, (first, second) -> first));
        this.users = users;
    }

    /**
     * Checks a request addressed to a route.
     *
     * @param hasPathParameters whether the request's path carried {@code ;} parameters
     */
    Verdict check(HttpServletRequest request, HttpServletResponse response, Rules rules, boolean hasPathParameters)
            throws IOException {
        if (hasPathParameters) {
            return new Refused(ErrorCode.INVALID_REQUEST);
        }
        Optional<Origin> origin = allowedOrigin(request);
        response.addHeader("Vary", "Origin");
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            preflight(request, response, origin, rules.methods());
            return new Preflight();
        }
        origin.ifPresent(allowed -> allowCors(response, allowed));
        if (!rules.methods().contains(method)) {
            response.setHeader("Allow", allow(rules.methods()));
            return new Refused(ErrorCode.METHOD_NOT_ALLOWED);
        }
        Optional<RequestUser> user;
        try {
            user = users.identify(request);
        } catch (WorkspaceNames.InvalidWorkspaceNameException e) {
            LOG.log(Level.WARNING, "The workspace resolver returned an empty, over-long or control-character workspace name; refused");
            return new Refused(ErrorCode.INVALID_WORKSPACE_NAME);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The workspace resolver " + users.resolverClass() + " threw " + e.getClass().getName());
            return new Refused(ErrorCode.INTERNAL_ERROR);
        }
        if (user.isEmpty()) {
            return new Refused(ErrorCode.UNAUTHENTICATED);
        }
        if (origin.isEmpty() && !(request.getHeader("Origin") == null && "GET".equals(method))) {
            return new Refused(ErrorCode.ORIGIN_NOT_ALLOWED);
        }
        if (rules.rateLimiter().isPresent()) {
            Optional<Duration> wait;
            try {
                wait = rules.rateLimiter().get().tryAcquire(user.get().rateLimitKey());
            } catch (StoreUnavailableException e) {
                return new Refused(ErrorCode.RATE_LIMIT_STORE_UNAVAILABLE);
            }
            if (wait.isPresent()) {
                return new Refused(ErrorCode.RATE_LIMITED, wait.get());
            }
        }
        return new Passed(new CheckedRequest(user.get(), origin));
    }

    /** The request's origin if it is exactly one of the allowed origins; empty otherwise. */
    private Optional<Origin> allowedOrigin(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Origin");
        if (headers == null || !headers.hasMoreElements()) {
            return Optional.empty();
        }
        String header = headers.nextElement();
        if (headers.hasMoreElements()) {
            return Optional.empty();
        }
        Origin exact = header == null ? null : allowedBySerialization.get(header); // as browsers send it: no parsing
        return exact != null ? Optional.of(exact) : Origin.parseHeader(header).filter(allowedOrigins::contains);
    }

    private static void allowCors(HttpServletResponse response, Origin origin) {
        response.setHeader("Access-Control-Allow-Origin", origin.serialized());
        response.setHeader("Access-Control-Allow-Credentials", "true");
    }

    /** The {@code Allow} header of a route: its methods and {@code OPTIONS}. */
    private static String allow(Set<String> methods) {
        return String.join(", ", methods) + ", OPTIONS";
    }

    private static void preflight(HttpServletRequest request, HttpServletResponse response, Optional<Origin> origin,
            Set<String> methods) throws IOException {
        if (request.getHeader("Origin") == null) {
            response.setHeader("Allow", allow(methods));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (origin.isEmpty()) {
            JsonResponses.error(response, ErrorCode.ORIGIN_NOT_ALLOWED);
            return;
        }
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if (requestedMethod == null || !methods.contains(requestedMethod)) {
            response.setHeader("Allow", allow(methods));
            JsonResponses.error(response, ErrorCode.METHOD_NOT_ALLOWED);
            return;
        }
        allowCors(response, origin.get());
        response.setHeader("Access-Control-Allow-Methods", requestedMethod);
        String requested = request.getHeader("Access-Control-Request-Headers");
        if (requested != null && !requested.isBlank()) {
            List<String> names = List.of(requested.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            List<String> allowed = names.stream().filter(PREFLIGHT_HEADERS::contains).toList();
            if (!allowed.isEmpty()) {
                response.setHeader("Access-Control-Allow-Headers", String.join(", ", allowed));
            }
        }
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
