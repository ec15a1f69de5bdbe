package io.github.airbyteembedded.thymeleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

class AirbyteEmbeddedDialectTest {

    private final AirbyteEmbedded airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
            .clientId("client").clientSecret("secret").allowedOrigin("https://app.example.com").build());
    private final Map<String, Object> attributes = new HashMap<>();
    private final ServletContext servletContext = mock(ServletContext.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    AirbyteEmbeddedDialectTest() {
        when(servletContext.getAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE)).thenReturn(airbyte);
        when(request.getServletContext()).thenReturn(servletContext);
        when(request.getContextPath()).thenReturn("/app");
        when(request.getAttribute(anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1))).when(request).setAttribute(anyString(), any());
    }

    private String render(TemplateMode mode, String template) {
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(mode);
        engine.setTemplateResolver(resolver);
        engine.addDialect(new AirbyteEmbeddedDialect());
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext).buildExchange(request, response));
        return engine.process(template, context);
    }

    private WidgetPage page() {
        return WidgetPage.of(request, response, airbyte);
    }

    @Test
    void widgetScriptElementRendersWhatTheRendererRenders() {
        String html = render(TemplateMode.HTML, "<html xmlns:airbyte=\"urn:io.github.airbyteembedded:thymeleaf\">"
                + "<head><airbyte:widget-script/></head></html>");

        assertEquals("<html><head>" + page().scripts() + "</head></html>", html);
        assertTrue(html.contains("nonce=\"" + page().nonce() + "\""), html);
    }

    @Test
    void widgetScriptAloneWithoutTheBootstrap() {
        assertEquals(page().widgetScript(), render(TemplateMode.HTML, "<airbyte:widget-script bootstrap=\"false\"/>"));
    }

    @Test
    void connectButtonAttributeMakesAButtonAndKeepsTheElementsContent() {
        assertEquals("<button class=\"btn\" type=\"button\" data-airbyte-connect=\"\">Connect <em>your</em> data</button>",
                render(TemplateMode.HTML, "<button class=\"btn\" airbyte:connect-button>Connect <em>your</em> data</button>"));
        assertEquals("<button type=\"submit\" data-airbyte-connect=\"\">Go</button>",
                render(TemplateMode.HTML, "<button type=\"submit\" airbyte:connect-button=\"\">Go</button>"));
        assertEquals("<a href=\"#\" data-airbyte-connect=\"\">Go</a>",
                render(TemplateMode.HTML, "<a href=\"#\" airbyte:connect-button>Go</a>"));
    }

    @Test
    void connectButtonAttributeRefusesAnElementWithARoutePathOfItsOwn() {
        TemplateProcessingException e = assertThrows(TemplateProcessingException.class, () -> render(TemplateMode.HTML,
                "<button data-airbyte-token-path=\"/other/token\" airbyte:connect-button>Go</button>"));
        assertTrue(e.getMessage().contains("data-airbyte-token-path"), e.getMessage());
        assertThrows(TemplateProcessingException.class, () -> render(TemplateMode.HTML,
                "<button airbyte:connect-button data-airbyte-source-events-path=\"/x\">Go</button>"));
        assertThrows(TemplateProcessingException.class, () -> render(TemplateMode.HTML,
                "<a href=\"#\" DATA-AIRBYTE-TOKEN-PATH=\"/x\" airbyte:connect-button>Go</a>"));
    }

    @Test
    void cspNonceAttributeSetsTheRequestsNonce() {
        String html = render(TemplateMode.HTML, "<script src=\"/app.js\" airbyte:csp-nonce></script>");
        assertEquals("<script src=\"/app.js\" nonce=\"" + page().nonce() + "\"></script>", html);
    }

    @Test
    void xmlTemplatesGetWellFormedOutput() {
        String xml = render(TemplateMode.XML, "<head xmlns:airbyte=\"urn:io.github.airbyteembedded:thymeleaf\">"
                + "<airbyte:widget-script/><button airbyte:connect-button=\"\">Go</button></head>");
        assertEquals("<head>" + page().scripts() + "<button type=\"button\" data-airbyte-connect=\"\">Go</button></head>", xml);
        assertTrue(!xml.contains(" defer ") && !xml.contains(" defer>"), "every attribute has a value in XML");
    }

    @Test
    void refusesToRenderOutsideAServletRequest() {
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new AirbyteEmbeddedDialect(airbyte));
        TemplateProcessingException e = assertThrows(TemplateProcessingException.class,
                () -> engine.process("<airbyte:widget-script/>", new Context()));
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("needs a web context on a Jakarta servlet request"), messages.toString());
    }

    @Test
    void exposesItsNameAndPrefix() {
        AirbyteEmbeddedDialect dialect = new AirbyteEmbeddedDialect(airbyte);
        assertEquals("Airbyte Embedded", dialect.getName());
        assertEquals("airbyte", dialect.getPrefix());
        assertEquals(8, dialect.getProcessors("airbyte").size());
    }
}
