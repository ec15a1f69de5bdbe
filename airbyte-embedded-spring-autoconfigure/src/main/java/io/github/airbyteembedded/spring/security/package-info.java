/**
 * Spring Security helpers of Airbyte Embedded for Java: {@link
 * io.github.airbyteembedded.spring.security.AuthenticationWorkspaceResolver} takes the workspace name
 * from a claim of the authenticated OAuth2/OIDC user.
 *
 * <p>Everything here needs Spring Security; the auto-configuration uses it only when Spring Security
 * is on the classpath. Spring Security's request wrapper already makes {@code getUserPrincipal()} the
 * {@code Authentication} (and {@code null} for anonymous users), which is what the filter reads by
 * default.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; absent
 * values are returned as {@link java.util.Optional}.
 */
package io.github.airbyteembedded.spring.security;
