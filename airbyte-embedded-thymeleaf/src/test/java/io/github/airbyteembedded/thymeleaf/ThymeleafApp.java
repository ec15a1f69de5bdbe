package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * A web application that renders Thymeleaf templates with the dialect, as an application without
 * Spring would: a plain {@link TemplateEngine} in a servlet of the shared {@link TestWebApp}. The
 * application sets its own strict Content-Security-Policy and merges the widget's needs into it. The
 * cookie {@value TestWebApp#USER_COOKIE} stands in for the application's authentication.
 */
final class ThymeleafApp implements AutoCloseable {

    static final String USER_COOKIE = TestWebApp.USER_COOKIE;

    /** The application's own policy, before the widget's needs are merged in: no inline script or style. */
    static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final TestWebApp app;

    private ThymeleafApp(TestWebApp app) {
        this.app = app;
    }

    static int freePort() throws IOException {
        return TestWebApp.freePort();
    }

    static ThymeleafApp start(AirbyteEmbeddedConfig config, int port) throws Exception {
        return new ThymeleafApp(TestWebApp.builder().airbyte(AirbyteEmbedded.create(config)).port(port)
                .servlet("/connect", new PageServlet())
                .servlet("/page.js", new StaticServlet())
                .start());
    }

    String origin() {
        return app.origin();
    }

    URI uri(String path) {
        return app.uri(path);
    }

    @Override
    public void close() {
        app.close();
    }

    /** Renders templates/connect.html with the dialect, after setting the page's CSP. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private transient TemplateEngine engine;
        private transient JakartaServletWebApplication application;

        @Override
        public void init() {
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
            resolver.setPrefix("templates/");
            resolver.setSuffix(".html");
            resolver.setTemplateMode(TemplateMode.HTML);
            resolver.setCharacterEncoding("UTF-8");
            engine = new TemplateEngine();
            engine.setTemplateResolver(resolver);
            engine.addDialect(new AirbyteEmbeddedDialect());
            application = JakartaServletWebApplication.buildApplication(getServletContext());
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Content-Security-Policy",
                    WidgetPage.of(request, response).contentSecurityPolicy().mergeInto(APP_POLICY));
            WebContext context = new WebContext(application.buildExchange(request, response));
            context.setVariable("user", request.getUserPrincipal() == null ? "nobody" : request.getUserPrincipal().getName());
            engine.process("connect", context, response.getWriter());
        }
    }

    /** The page's own script. */
    private static final class StaticServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/javascript;charset=UTF-8");
            try (InputStream in = ThymeleafApp.class.getResourceAsStream("/static/page.js")) {
                in.transferTo(response.getOutputStream());
            }
        }
    }
}
