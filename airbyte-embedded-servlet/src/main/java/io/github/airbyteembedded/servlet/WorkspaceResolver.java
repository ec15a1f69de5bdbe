package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.pipeline.PrincipalNameWorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.pipeline.PseudonymousWorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.pipeline.RequestAttributeWorkspaceResolver;
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
 * <p>The name a resolver returns is brought to one form and checked before anything is made of it (a
 * {@linkplain #pseudonymized(byte[], String) pseudonym} is made of the checked name), by the same rules
 * with and without pseudonyms: Unicode NFC; leading and trailing spaces removed; case folded when
 * {@link AirbyteEmbeddedConfig#foldWorkspaceNameCase()} is on; then refused ({@code 400
 * invalid_workspace_name}, nothing sent to Airbyte) when empty, longer than 256 characters (code
 * points), or holding a control character (U+0000-001F, U+007F-009F), a format character (such as
 * U+200B, U+FEFF, U+202A-202E), a line or paragraph separator (U+2028, U+2029), a lone surrogate or an
 * unassigned code point.
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

    /**
     * Returns a resolver that reads the workspace name from a request attribute set by the
     * application's own security layer (an authentication filter that runs before this one), for
     * applications whose users are not a servlet principal. A missing attribute means no
     * authenticated user; a value that is not a {@link CharSequence} is treated the same way.
     *
     * <pre>{@code
     * // in the application's authentication filter:
     * request.setAttribute("com.example.tenant", session.tenantId());
     * // in the configuration:
     * .workspaceResolver(WorkspaceResolver.requestAttribute("com.example.tenant"))
     * }</pre>
     *
     * @param attributeName the name of the request attribute
     * @return a resolver reading that attribute
     * @throws IllegalArgumentException if the name is blank
     */
    static WorkspaceResolver requestAttribute(String attributeName) {
        return new RequestAttributeWorkspaceResolver(attributeName);
    }

    /**
     * Returns a resolver that sends Airbyte a pseudonym of the principal's name instead of the name
     * itself: {@code prefix} followed by a keyed HMAC-SHA256 of the name (32 hex characters), so that
     * e-mail addresses and other personal identifiers need not become Airbyte workspace names. The
     * same name and key always give the same workspace; without the key, the name cannot be
     * recovered or guessed by trying candidates. Keep the key secret and stable: changing it moves
     * every user to a new, empty workspace.
     *
     * <pre>{@code
     * .workspaceResolver(WorkspaceResolver.pseudonymous(
     *         System.getenv("AIRBYTE_WORKSPACE_KEY").getBytes(StandardCharsets.UTF_8), "acme-"))
     * // alice@example.com -> "acme-3f1d0c5e9b7a2d4c8e6f1a0b9c8d7e6f"
     * }</pre>
     *
     * @param key the HMAC key, at least 32 bytes; it is copied
     * @param prefix prepended to every pseudonym, possibly empty
     * @return a resolver giving pseudonyms of principal names
     * @throws IllegalArgumentException if the key is shorter than 32 bytes, or the prefix is longer
     *     than 64 characters or not in the normal form of workspace names (see above)
     */
    static WorkspaceResolver pseudonymous(byte[] key, String prefix) {
        return principalName().pseudonymized(key, prefix);
    }

    /**
     * Returns a resolver that replaces the name this resolver gives by its keyed pseudonym; see
     * {@link #pseudonymous(byte[], String)}.
     *
     * @param key the HMAC key, at least 32 bytes; it is copied
     * @param prefix prepended to every pseudonym, possibly empty
     * @return a resolver giving pseudonyms of this resolver's names
     * @throws IllegalArgumentException if the key is shorter than 32 bytes or the prefix is invalid
     */
    default WorkspaceResolver pseudonymized(byte[] key, String prefix) {
        return new PseudonymousWorkspaceResolver(this, key, prefix);
    }
}
