/**
 * Framework-neutral core of Airbyte Embedded for Java: a servlet filter that mints Airbyte Embedded
 * widget tokens for the authenticated user.
 *
 * <p>The public API is small: {@link io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter} (the
 * filter), {@link io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig} (its immutable
 * configuration and builder), {@link io.github.airbyteembedded.servlet.WorkspaceResolver} (how the
 * authenticated user becomes an Airbyte workspace name), {@link
 * io.github.airbyteembedded.servlet.ErrorCode} (the stable error codes of the route) and {@link
 * io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException}. The page side (the pinned widget
 * script, the bootstrap script, connect buttons and the CSP) is in {@code
 * io.github.airbyteembedded.servlet.page}, the JSP tags in {@code io.github.airbyteembedded.servlet.jsp}. Everything else in this package
 * (the upstream HTTP client, the operator-token cache, the origin policy, JSON handling) is
 * package-private and may change without notice.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; absent
 * values are returned as {@link java.util.Optional}. Public methods reject {@code null} arguments with
 * a {@link java.lang.NullPointerException} that names the argument.
 *
 * <p>Secrets: the client secret, operator tokens and widget tokens never appear in logs, exception
 * messages, {@code toString()} output or error responses.
 */
package io.github.airbyteembedded.servlet;
