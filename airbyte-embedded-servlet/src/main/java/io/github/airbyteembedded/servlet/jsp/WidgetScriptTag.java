package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;

/**
 * {@code <airbyte:widget-script/>}: renders the pinned widget {@code <script>} and the bootstrap
 * script, with the request's CSP nonce; put it in {@code <head>}. {@code bootstrap="false"} renders the
 * widget script alone, for pages that drive the widget themselves.
 *
 * <pre>{@code
 * <%@ taglib prefix="airbyte" uri="urn:io.github.airbyteembedded:taglib" %>
 * <head><airbyte:widget-script/></head>
 * }</pre>
 *
 * <p>Delegates to {@link WidgetPage#scripts()}; needs {@code AirbyteEmbeddedFilter} in the web
 * application.
 *
 * @since 0.1.0
 */
public final class WidgetScriptTag extends SimpleTagSupport {

    private boolean bootstrap = true;

    /** Creates the tag; the JSP container does. */
    public WidgetScriptTag() {
    }

    /**
     * Sets whether the bootstrap script is rendered too (default {@code true}).
     *
     * @param bootstrap false to render the widget script alone
     */
    public void setBootstrap(boolean bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext context = (PageContext) getJspContext();
        context.getOut().write(render(Tags.page(context), bootstrap));
    }

    static String render(WidgetPage page, boolean bootstrap) {
        return bootstrap ? page.scripts() : page.widgetScript();
    }
}
