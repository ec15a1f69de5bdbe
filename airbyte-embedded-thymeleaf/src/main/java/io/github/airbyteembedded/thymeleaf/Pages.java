package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.web.IWebExchange;
import org.thymeleaf.web.servlet.IServletWebExchange;

/** Finds the {@link WidgetPage} of the servlet request a template is rendered for. */
final class Pages {

    private final AirbyteEmbedded airbyte;

    Pages(AirbyteEmbedded airbyte) {
        this.airbyte = airbyte;
    }

    WidgetPage of(ITemplateContext context, String processor) {
        IWebExchange exchange = context instanceof IWebContext web ? web.getExchange() : null;
        if (!(exchange instanceof IServletWebExchange servlet)
                || !(servlet.getNativeRequestObject() instanceof HttpServletRequest request)
                || !(servlet.getNativeResponseObject() instanceof HttpServletResponse response)) {
            throw new TemplateProcessingException(processor + " needs a web context on a Jakarta servlet request "
                    + "(for example a WebContext built with JakartaServletWebApplication)");
        }
        try {
            return airbyte == null ? WidgetPage.of(request, response) : WidgetPage.of(request, response, airbyte);
        } catch (IllegalStateException e) {
            throw new TemplateProcessingException(processor + ": " + e.getMessage(), e);
        }
    }
}
