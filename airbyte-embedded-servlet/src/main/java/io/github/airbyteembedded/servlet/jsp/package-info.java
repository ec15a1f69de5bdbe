/**
 * JSP tags of Airbyte Embedded, declared in {@code META-INF/airbyte-embedded.tld} (URI {@code
 * urn:io.github.airbyteembedded:taglib}): {@code <airbyte:widget-script/>}, {@code
 * <airbyte:connect-button>} and {@code <airbyte:csp-nonce/>}.
 *
 * <pre>{@code
 * <%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
 * <html><head><airbyte:widget-script/></head>
 * <body><airbyte:connect-button>Connect your data</airbyte:connect-button></body></html>
 * }</pre>
 *
 * <p>The tags are thin: they take the request and response of the page and delegate to {@link
 * io.github.airbyteembedded.servlet.page.WidgetPage}. They extend {@code SimpleTagSupport}, so the
 * container never reuses an instance.
 */
package io.github.airbyteembedded.servlet.jsp;
