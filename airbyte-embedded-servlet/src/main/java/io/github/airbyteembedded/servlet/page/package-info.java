/**
 * The page side of Airbyte Embedded: what goes on the application's pages for the widget. The elements
 * of one page ({@link io.github.airbyteembedded.servlet.page.WidgetPage}): the widget's {@code <script>}
 * rendered from the configured {@link io.github.airbyteembedded.servlet.WidgetScript}, the bootstrap
 * script that wires connect buttons to the token route, and connect buttons; the Content-Security-Policy
 * the widget needs ({@link io.github.airbyteembedded.servlet.page.WidgetCsp}); and the per-request nonce
 * ({@link io.github.airbyteembedded.servlet.page.CspNonce}). The bootstrap script and its route are in
 * {@code page.internal}.
 *
 * <p>The page side depends on the core ({@code io.github.airbyteembedded.servlet}), never the other way
 * round. The JSP tags ({@code io.github.airbyteembedded.servlet.jsp}) and the Thymeleaf dialect (module
 * {@code airbyte-embedded-thymeleaf}) are thin adapters over {@code WidgetPage}; everything they render
 * comes from it, with every attribute escaped.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; absent values
 * are returned as {@link java.util.Optional}.
 */
package io.github.airbyteembedded.servlet.page;
