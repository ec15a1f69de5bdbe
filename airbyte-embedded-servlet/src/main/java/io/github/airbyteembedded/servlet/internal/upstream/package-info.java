/**
 * The client of the Airbyte API (implementation, no compatibility promise): the HTTP calls ({@link
 * io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient}) with their deadlines, capped
 * bodies and failure classification ({@link io.github.airbyteembedded.servlet.internal.upstream.UpstreamException}),
 * the cached operator token and the workspaces' scoped tokens, the decoding of tokens, a workspace's
 * sources, and JSON. It knows nothing of servlet requests.
 */
package io.github.airbyteembedded.servlet.internal.upstream;
