/**
 * Zero-web.xml mode: {@link io.github.airbyteembedded.servlet.plugin.AirbyteEmbeddedInitializer}
 * registers the Airbyte Embedded filter in a web application that has this jar in {@code WEB-INF/lib},
 * configured from environment variables, system properties or context-params.
 *
 * @since 0.2.0
 */
package io.github.airbyteembedded.servlet.plugin;
