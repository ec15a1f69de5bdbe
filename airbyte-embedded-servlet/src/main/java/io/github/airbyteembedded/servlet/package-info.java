/**
 * The public API of Airbyte Embedded for Java: a servlet filter that mints Airbyte Embedded widget
 * tokens for the authenticated user and serves their connected sources.
 *
 * <p>A request to a route goes through the filter ({@link
 * io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter}) like this, each step in one place:
 *
 * <pre>
 * request -&gt; checks -&gt; resolver -&gt; origin -&gt; rate limit -&gt; admission -&gt; upstream -&gt; answer
 *            internal.pipeline.RequestChecks (path, method, then WorkspaceResolver, the exact Origin,
 *            the user's RateLimiter); the body; internal.pipeline.UpstreamCall (admission, one deadline);
 *            internal.upstream.AirbyteApiClient and its token caches; the JSON answer or an ErrorCode
 * </pre>
 *
 * <p>What users touch is here: {@link io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter}, {@link
 * io.github.airbyteembedded.servlet.AirbyteEmbedded} (the running integration: statistics, health, the
 * Java API of {@link io.github.airbyteembedded.servlet.ConnectedSources}), {@link
 * io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig} and its builder, {@link
 * io.github.airbyteembedded.servlet.WidgetScript}, {@link io.github.airbyteembedded.servlet.WorkspaceResolver},
 * the listeners, {@link io.github.airbyteembedded.servlet.ErrorCode} and the exceptions. The page side
 * (script tags, bootstrap script, CSP) is in {@code io.github.airbyteembedded.servlet.page}, the JSP tags
 * in {@code io.github.airbyteembedded.servlet.jsp}; both depend on this package, never the other way
 * round.
 *
 * <p>The packages named {@code internal} ({@code internal.pipeline}, {@code internal.upstream}, {@code
 * internal.stats}, {@code internal.settings}, {@code page.internal}) hold the implementation. Their
 * classes are public only so that they can reach each other; they carry no compatibility promise, are
 * left out of the published javadoc, and may change in any release.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; absent
 * values are returned as {@link java.util.Optional}. Public methods reject {@code null} arguments with
 * a {@link java.lang.NullPointerException} that names the argument.
 *
 * <p>Secrets: the client secret, operator tokens and widget tokens never appear in logs, exception
 * messages, {@code toString()} output or error responses.
 */
package io.github.airbyteembedded.servlet;
