package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.Principal;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * A web application on Jetty 12 that renders Thymeleaf templates with the dialect, as an application
 * without Spring would: a plain {@link TemplateEngine} in a servlet. The application sets its own
 * strict Content-Security-Policy and merges the widget's needs into it. The cookie {@code test-user}
 * stands in for the application's authentication.
 */
final class ThymeleafApp implements AutoCloseable {

    static final String USER_COOKIE = "test-user";

    /** The application's own policy, before the widget's needs are merged in: no inline script or style. */
    static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Server server;
    private final int port;

    private ThymeleafApp(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static ThymeleafApp start(AirbyteEmbeddedConfig config, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new StandInAuthenticationFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder airbyte = new FilterHolder(new AirbyteEmbeddedFilter(config));
        airbyte.setAsyncSupported(true);
        context.addFilter(airbyte, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PageServlet()), "/connect");
        context.addServlet(new ServletHolder(new StaticServlet()), "/page.js");
        server.setHandler(context);
        server.start();
        return new ThymeleafApp(server, connector.getLocalPort());
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(origin() + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
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

    private static final class StandInAuthenticationFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = null;
            for (Cookie cookie : http.getCookies() == null ? new Cookie[0] : http.getCookies()) {
                if (USER_COOKIE.equals(cookie.getName())) {
                    user = cookie.getValue();
                }
            }
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            String name = user;
            Principal principal = () -> name;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }
    }
}
