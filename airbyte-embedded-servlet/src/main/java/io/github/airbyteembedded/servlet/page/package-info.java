/**
 * The page side of Airbyte Embedded: the pinned widget {@code <script>} ({@link
 * io.github.airbyteembedded.servlet.page.WidgetScript}), the elements of one page with the bootstrap
 * script and connect buttons ({@link io.github.airbyteembedded.servlet.page.WidgetPage}), the
 * Content-Security-Policy the widget needs ({@link io.github.airbyteembedded.servlet.page.WidgetCsp})
 * and the per-request nonce ({@link io.github.airbyteembedded.servlet.page.CspNonce}).
 *
 * <p>The JSP tags ({@code io.github.airbyteembedded.servlet.jsp}) and the Thymeleaf dialect (module
 * {@code airbyte-embedded-thymeleaf}) are thin adapters over {@code WidgetPage}; everything they
 * render comes from it, with every attribute escaped.
 *
 * <p>Null policy: parameters and return values are non-null unless documented otherwise; absent values
 * are returned as {@link java.util.Optional}.
 */
package io.github.airbyteembedded.servlet.page;
