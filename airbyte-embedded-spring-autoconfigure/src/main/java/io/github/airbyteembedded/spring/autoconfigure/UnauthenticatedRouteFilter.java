package io.github.airbyteembedded.spring.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.servlet.ErrorCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sits in a Spring Security chain between exception translation and authorization: when authorization
 * refuses a request to one of Airbyte Embedded's routes and the user is not (fully) authenticated,
 * answers as the routes do, {@code 401 {"error": "unauthenticated", ...}}, instead of letting the
 * chain redirect to a login page (and save the API request as the page to return to after login).
 * Every other request, and every refusal of an authenticated user, passes through untouched.
 */
final class UnauthenticatedRouteFilter implements Filter {

    private static final byte[] BODY = body();

    private final AirbyteEmbeddedRoutes routes;
    private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

    UnauthenticatedRouteFilter(AirbyteEmbeddedRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)
                || !routes.matches(httpRequest)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (AccessDeniedException e) {
            if (!isUnauthenticated() || httpResponse.isCommitted()) {
                throw e;
            }
            writeUnauthenticated(httpResponse);
        }
    }

    private boolean isUnauthenticated() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication == null || trustResolver.isAnonymous(authentication) || trustResolver.isRememberMe(authentication);
    }

    /** The same answer as the filter's own for a request without a user. */
    static void writeUnauthenticated(HttpServletResponse response) throws IOException {
        response.setStatus(ErrorCode.UNAUTHENTICATED.httpStatus());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
        response.flushBuffer();
    }

    private static byte[] body() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", ErrorCode.UNAUTHENTICATED.code());
        body.put("message", ErrorCode.UNAUTHENTICATED.message());
        try {
            return new ObjectMapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the 401 body", e);
        }
    }

    @Override
    public String toString() {
        return "UnauthenticatedRouteFilter{" + routes + "}";
    }
}
