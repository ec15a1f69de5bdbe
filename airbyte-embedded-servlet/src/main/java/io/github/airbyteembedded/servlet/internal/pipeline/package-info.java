/**
 * The request pipeline of the filter's routes (implementation, no compatibility promise): which route
 * a request is for ({@link io.github.airbyteembedded.servlet.internal.pipeline.RoutePaths}), the checks
 * every route makes before its own work ({@link io.github.airbyteembedded.servlet.internal.pipeline.RequestChecks}:
 * method, who the user is, the exact origin, the per-user {@link
 * io.github.airbyteembedded.servlet.internal.pipeline.RateLimiter}), the body, the routes themselves
 * (token, sources), and the call to Airbyte with its {@link
 * io.github.airbyteembedded.servlet.internal.pipeline.Admission}, deadline and error mapping ({@link
 * io.github.airbyteembedded.servlet.internal.pipeline.UpstreamCall}). {@link
 * io.github.airbyteembedded.servlet.internal.pipeline.Pipeline} runs them in that order.
 *
 * <p>The seams later work builds on are small interfaces whose implementation {@code AirbyteEmbedded}
 * chooses in one place: {@code RateLimiter} (in memory, per user), {@code NotifiedSources} (which source
 * events were told) and {@code Admission} (the bound on calls in flight).
 */
package io.github.airbyteembedded.servlet.internal.pipeline;
