/**
 * A local emulator of the Airbyte Embedded API and widget, for tests and offline development.
 *
 * <p>{@link io.github.airbyteembedded.testkit.AirbyteEmulator} is the entry point: build, start, point
 * the code under test at {@code baseUri()}, inspect what it received, close.
 * {@link io.github.airbyteembedded.testkit.WidgetToken} decodes the widget tokens it (or the real
 * service) issues. The emulator binds to loopback unless told otherwise and needs no network.
 *
 * <pre>{@code
 * try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
 *     // configure the client under test with emulator.baseUri() and the default credentials
 * }
 * }</pre>
 *
 * <p>Arguments and return values are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional}.
 */
package io.github.airbyteembedded.testkit;
