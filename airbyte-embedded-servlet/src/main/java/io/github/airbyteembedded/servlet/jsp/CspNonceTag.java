package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.page.CspNonce;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;

/**
 * {@code <airbyte:csp-nonce/>}: writes the request's CSP nonce (the one the widget's scripts carry),
 * for the page's own inline scripts and styles under the same policy.
 *
 * <pre>{@code
 * <script nonce="<airbyte:csp-nonce/>">document.documentElement.classList.add("js");</script>
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CspNonceTag extends SimpleTagSupport {

    /** Creates the tag; the JSP container does. */
    public CspNonceTag() {
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext context = (PageContext) getJspContext();
        // A nonce is base64: nothing in it needs escaping.
        context.getOut().write(CspNonce.of(context.getRequest()));
    }
}
