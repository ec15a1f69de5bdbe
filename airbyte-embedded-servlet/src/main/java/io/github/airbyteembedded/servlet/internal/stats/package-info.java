/**
 * The statistics of the routes (implementation, no compatibility promise): outcome counters and the
 * latency of the calls to Airbyte, forwarded to the configured {@link
 * io.github.airbyteembedded.servlet.TokenRouteListener}; {@code AirbyteEmbedded.statistics()} reads
 * them into the public {@link io.github.airbyteembedded.servlet.TokenRouteStatistics}.
 */
package io.github.airbyteembedded.servlet.internal.stats;
