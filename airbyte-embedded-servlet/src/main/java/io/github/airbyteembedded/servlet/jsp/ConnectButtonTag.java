package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.JspTagException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.DynamicAttributes;
import jakarta.servlet.jsp.tagext.JspFragment;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <airbyte:connect-button>}: renders a button that opens the widget when clicked. Its content
 * is the tag's body (markup of the page's own), or the escaped {@code label} attribute; any other
 * attribute ({@code id}, {@code class}, {@code data-airbyte-message-target}...) is copied, escaped.
 *
 * <pre>{@code
 * <airbyte:connect-button id="connect" class="btn">Connect your data</airbyte:connect-button>
 * <airbyte:connect-button label="Connect your data"/>
 * }</pre>
 *
 * <p>Event-handler attributes ({@code onclick}...) are refused: a strict CSP blocks them. Listen for
 * the {@code airbyte:*} events on the button instead. Route paths ({@code data-airbyte-token-path},
 * {@code data-airbyte-source-events-path}) are refused too: only the bootstrap's {@code <script>}
 * carries them. Delegates to {@link WidgetPage#connectButton(String, Map)}.
 *
 * @since 0.1.0
 */
public final class ConnectButtonTag extends SimpleTagSupport implements DynamicAttributes {

    /** The label used when the tag has neither a body nor a {@code label}. */
    static final String DEFAULT_LABEL = "Connect your data";

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String label;

    /** Creates the tag; the JSP container does. */
    public ConnectButtonTag() {
    }

    /**
     * Sets the button's text, used when the tag has no body.
     *
     * @param label the text, escaped when rendered
     */
    public void setLabel(String label) {
        this.label = label;
    }

    /**
     * Keeps any other attribute for the button.
     *
     * @param uri the attribute's namespace (unused)
     * @param localName the attribute name
     * @param value the value; {@code null} leaves the attribute out
     */
    @Override
    public void setDynamicAttribute(String uri, String localName, Object value) {
        if (value != null) {
            attributes.put(localName, String.valueOf(value));
        }
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext context = (PageContext) getJspContext();
        JspFragment body = getJspBody();
        String content = null;
        if (body != null) {
            StringWriter writer = new StringWriter();
            body.invoke(writer);
            content = writer.toString();
        }
        try {
            context.getOut().write(render(Tags.page(context), label, content, attributes));
        } catch (IllegalArgumentException e) {
            throw new JspTagException("<airbyte:connect-button>: " + e.getMessage(), e);
        }
    }

    /** The button: {@code bodyHtml} as it is when there is one (blank counts as none), else the escaped label. */
    static String render(WidgetPage page, String label, String bodyHtml, Map<String, String> attributes) {
        if (bodyHtml != null && !bodyHtml.isBlank()) {
            return page.connectButtonStartTag(attributes) + bodyHtml + "</button>";
        }
        return page.connectButton(label != null ? label : DEFAULT_LABEL, attributes);
    }
}
