package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
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
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.SimpleInstanceManager;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.jsp.JettyJspServlet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A JSP web application on Jetty 12 for tests, on a loopback port: JSP pages from {@code
 * src/test/resources/webapp} compiled by Jasper (Jetty's JSP engine), static files from the same
 * folder, a stand-in authentication filter, the Airbyte filter, and servlets the test adds.
 *
 * <p>The stand-in authentication filter plays the application's security layer: the cookie {@code
 * test-user} becomes the request's principal. The taglib is found the way containers find taglibs in
 * jars: by its {@code META-INF/airbyte-embedded.tld} on the class path (Jetty hands the TLDs it finds
 * to Jasper), and the pages use its permanent URI.
 */
final class JspApp implements AutoCloseable {

    static final String USER_COOKIE = "test-user";

    private final Server server;
    private final URI baseUri;
    private final List<String> posts;

    private JspApp(Server server, URI baseUri, List<String> posts) {
        this.server = server;
        this.baseUri = baseUri;
        this.posts = posts;
    }

    static JspApp start(AirbyteEmbeddedConfig config, String contextPath, Map<String, HttpServlet> servlets) throws Exception {
        return start(config, contextPath, servlets, 0);
    }

    /** A free loopback port, to know the app's origin (its allowed origin) before it starts. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static JspApp start(AirbyteEmbeddedConfig config, String contextPath, Map<String, HttpServlet> servlets, int port)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
        context.setBaseResourceAsPath(webapp());
        Path scratch = Files.createTempDirectory("jsp-scratch");
        scratch.toFile().deleteOnExit();
        context.setTempDirectory(scratch.toFile());
        context.setAttribute("jakarta.servlet.context.tempdir", scratch.toFile());
        context.setClassLoader(new URLClassLoader(new URL[0], JspApp.class.getClassLoader()));
        context.setAttribute(InstanceManager.class.getName(), new SimpleInstanceManager());
        context.setAttribute("org.eclipse.jetty.tlds", taglibs());
        context.addServletContainerInitializer(new JettyJasperInitializer());

        List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("POST".equals(http.getMethod())) {
                posts.add(http.getRequestURI() + " csrf=" + http.getHeader("X-CSRF-TOKEN") + " cookie="
                        + (http.getHeader("Cookie") != null) + " origin=" + http.getHeader("Origin"));
            }
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder authentication = new FilterHolder(new StandInAuthenticationFilter());
        authentication.setAsyncSupported(true);
        context.addFilter(authentication, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder airbyte = new FilterHolder(new AirbyteEmbeddedFilter(config));
        airbyte.setName("airbyteEmbedded");
        airbyte.setAsyncSupported(true);
        context.addFilter(airbyte, "/*", EnumSet.of(DispatcherType.REQUEST));

        ServletHolder jsp = new ServletHolder("jsp", JettyJspServlet.class);
        jsp.setInitOrder(0);
        jsp.setInitParameter("fork", "false");
        jsp.setInitParameter("compilerSourceVM", "17");
        jsp.setInitParameter("compilerTargetVM", "17");
        jsp.setInitParameter("keepgenerated", "false");
        context.addServlet(jsp, "*.jsp");
        servlets.forEach((path, servlet) -> {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, path);
        });
        ServletHolder files = new ServletHolder("default", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        context.addServlet(files, "/");

        server.setHandler(context);
        server.start();
        return new JspApp(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath), posts);
    }

    private static Path webapp() throws URISyntaxException {
        URL url = JspApp.class.getResource("/webapp");
        if (url == null) {
            throw new IllegalStateException("src/test/resources/webapp is missing");
        }
        return Path.of(url.toURI());
    }

    /** Every airbyte-embedded.tld on the class path, as Jetty's webapp configuration collects them for Jasper. */
    private static List<URL> taglibs() throws IOException {
        return Collections.list(JspApp.class.getClassLoader().getResources("META-INF/airbyte-embedded.tld"));
    }

    /** Every POST the app received: {@code "<uri> csrf=<X-CSRF-TOKEN> cookie=<sent?> origin=<Origin>"}. */
    List<String> posts() {
        return posts;
    }

    String origin() {
        return "http://127.0.0.1:" + baseUri.getPort();
    }

    URI uri(String path) {
        return URI.create(baseUri + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** Test stand-in for the application's authentication: the cookie {@code test-user} is the principal. */
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
