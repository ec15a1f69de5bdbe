/**
 * The Thymeleaf dialect of Airbyte Embedded ({@link io.github.airbyteembedded.thymeleaf.AirbyteEmbeddedDialect}):
 * {@code <airbyte:widget-script/>}, {@code airbyte:connect-button} and {@code airbyte:csp-nonce}. Its
 * processors are package-private; they render through {@code
 * io.github.airbyteembedded.servlet.page.WidgetPage}, as the JSP tags do.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise.
 */
package io.github.airbyteembedded.thymeleaf;
