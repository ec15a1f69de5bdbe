package io.github.airbyteembedded.spring.security;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * A {@link WorkspaceResolver} for Spring Security applications whose users sign in with OAuth2 or
 * OpenID Connect: the workspace name is a configured claim (or attribute) of the authenticated user,
 * such as {@code sub} or a {@code tenant_id}, instead of the principal's name.
 *
 * <p>Reads only the {@link Authentication} that Spring Security established for the request ({@link
 * HttpServletRequest#getUserPrincipal()}): the attributes of an {@link OAuth2AuthenticatedPrincipal}
 * (OAuth2 and OIDC login users, introspected opaque tokens) or the claims of a {@link ClaimAccessor}
 * principal (a resource server's {@code Jwt}). A user without the claim, including one who signed in
 * another way, has no workspace and gets {@code 401}: the name never falls back to something else.
 * String, number and UUID values are used as text; other values (lists, objects) are refused.
 *
 * <p>With Spring Boot, set {@code airbyte.embedded.security.workspace-claim=tenant_id}; by hand:
 *
 * <pre>{@code
 * @Bean
 * WorkspaceResolver workspaceResolver() {
 *     return AuthenticationWorkspaceResolver.claim("tenant_id");
 * }
 * }</pre>
 *
 * <p>Needs {@code spring-security-oauth2-core} (brought by Boot's OAuth2 client and resource-server
 * starters) on the classpath.
 *
 * @since 0.1.0
 */
public final class AuthenticationWorkspaceResolver implements WorkspaceResolver {

    private static final Logger LOG = System.getLogger(AuthenticationWorkspaceResolver.class.getName());

    private final String claimName;
    private final AtomicBoolean warnedAboutType = new AtomicBoolean();

    private AuthenticationWorkspaceResolver(String claimName) {
        this.claimName = claimName;
    }

    /**
     * Returns a resolver whose workspace name is the given claim of the authenticated OAuth2/OIDC user.
     *
     * @param claimName the claim or attribute name, such as {@code "sub"}
     * @return the resolver
     * @throws NullPointerException if the name is {@code null}
     * @throws IllegalArgumentException if the name is blank
     */
    public static AuthenticationWorkspaceResolver claim(String claimName) {
        Objects.requireNonNull(claimName, "claimName");
        if (claimName.isBlank()) {
            throw new IllegalArgumentException("claimName is blank");
        }
        return new AuthenticationWorkspaceResolver(claimName.strip());
    }

    /**
     * Returns the name of the claim read.
     *
     * @return the claim name
     */
    public String claimName() {
        return claimName;
    }

    /**
     * Resolves the workspace name from the claim of the request's authenticated user.
     *
     * @param request the request to the route
     * @return the claim's value as text, or empty when there is no authenticated OAuth2/OIDC user or
     *     the user has no usable value for the claim
     */
    @Override
    public Optional<String> resolveWorkspaceName(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Object user = authentication.getPrincipal();
        Object value;
        if (user instanceof OAuth2AuthenticatedPrincipal oauth2User) {
            value = oauth2User.getAttribute(claimName);
        } else if (user instanceof ClaimAccessor claims) {
            value = claims.getClaims().get(claimName);
        } else {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        if (value instanceof Number || value instanceof UUID) {
            return Optional.of(value.toString());
        }
        if (value != null && warnedAboutType.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "The claim {0} holds a {1}, not text, so it cannot name a workspace; those users get 401",
                    claimName, value.getClass().getName());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "AuthenticationWorkspaceResolver.claim(" + claimName + ")";
    }
}
