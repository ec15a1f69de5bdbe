package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.jsp.JspTagException;
import jakarta.servlet.jsp.PageContext;

/** What the tags share: the page of the request being rendered. */
final class Tags {

    private Tags() {
    }

    static WidgetPage page(PageContext context) throws JspTagException {
        if (!(context.getRequest() instanceof HttpServletRequest request)
                || !(context.getResponse() instanceof HttpServletResponse response)) {
            throw new JspTagException("the airbyte tags render HTTP pages only");
        }
        try {
            return WidgetPage.of(request, response);
        } catch (IllegalStateException e) {
            throw new JspTagException(e.getMessage(), e);
        }
    }
}
