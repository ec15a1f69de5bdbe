package io.github.airbyteembedded.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides which Airbyte workspace the authenticated user of a request gets a widget token for.
 *
 * <p>Airbyte creates a workspace the first time it sees a {@code workspace_name} and reuses it after,
 * so the name is the user's (or tenant's) identity on the Airbyte side: two users who resolve to the
 * same name share their connected sources. A resolver must therefore derive the name only from state
 * that the application's own security layer established on the server: the authenticated principal,
 * a session, a request attribute set by an authentication filter. It must never read it from the
 * request body, a query parameter or a header the client controls; the filter gives the body no
 * chance to influence the outcome, and a resolver should not open that door again.
 *
 * <p>Return {@link Optional#empty()} when the request has no authenticated user: the route then
 * answers {@code 401} with the error code {@code unauthenticated}. The default is {@link
 * #principalName()}.
 *
 * <p>In Java or Spring:
 * <pre>{@code
 * @Bean
 * WorkspaceResolver workspaceResolver() {
 *     return request -> Optional.ofNullable(request.getUserPrincipal())
 *             .map(principal -> "tenant-" + tenantOf(principal));
 * }
 * }</pre>
 *
 * <p>In web.xml, name a class with a public no-argument constructor:
 * <pre>{@code
 * <init-param>
 *   <param-name>workspace-resolver</param-name>
 *   <param-value>com.example.TenantWorkspaceResolver</param-value>
 * </init-param>
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkspaceResolver {

    /**
     * Resolves the workspace name for the authenticated user of a request.
     *
     * @param request the request to the token route; read only server-side state from it
     * @return the workspace name, or empty when the request has no authenticated user
     */
    Optional<String> resolveWorkspaceName(HttpServletRequest request);

    /**
     * Returns the default resolver: the name of {@link HttpServletRequest#getUserPrincipal()}, or
     * empty when there is no principal or its name is {@code null}.
     *
     * @return a resolver that uses the authenticated principal's name as the workspace name
     */
    static WorkspaceResolver principalName() {
        return PrincipalNameWorkspaceResolver.INSTANCE;
    }
}
