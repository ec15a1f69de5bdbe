package io.github.airbyteembedded.servlet.jsp;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tomcat.InstanceManager;
import org.apache.tomcat.SimpleInstanceManager;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.jsp.JettyJspServlet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A JSP web application for tests: the shared {@link TestWebApp} with JSP pages from {@code
 * src/test/resources/webapp} compiled by Jasper (Jetty's JSP engine), static files from the same folder,
 * the servlets the test adds, and a record of the POSTs that arrive.
 *
 * <p>The cookie {@value TestWebApp#USER_COOKIE} is the signed-in user. The taglib is found the way
 * containers find taglibs in jars: by its {@code META-INF/airbyte-embedded.tld} on the class path (Jetty
 * hands the TLDs it finds to Jasper), and the pages use its permanent URI.
 */
final class JspApp implements AutoCloseable {

    static final String USER_COOKIE = TestWebApp.USER_COOKIE;

    private final TestWebApp app;
    private final List<String> posts;

    private JspApp(TestWebApp app, List<String> posts) {
        this.app = app;
        this.posts = posts;
    }

    static JspApp start(AirbyteEmbeddedConfig config, String contextPath, Map<String, HttpServlet> servlets) throws Exception {
        return start(config, contextPath, servlets, 0);
    }

    /** A free loopback port, to know the app's origin (its allowed origin) before it starts. */
    static int freePort() throws IOException {
        return TestWebApp.freePort();
    }

    static JspApp start(AirbyteEmbeddedConfig config, String contextPath, Map<String, HttpServlet> servlets, int port)
            throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        TestWebApp.Builder builder = TestWebApp.builder().airbyte(AirbyteEmbedded.create(config)).contextPath(contextPath)
                .port(port)
                .filterBeforeAuthentication((request, response, chain) -> {
                    HttpServletRequest http = (HttpServletRequest) request;
                    if ("POST".equals(http.getMethod())) {
                        posts.add(http.getRequestURI() + " csrf=" + http.getHeader("X-CSRF-TOKEN") + " cookie="
                                + (http.getHeader("Cookie") != null) + " origin=" + http.getHeader("Origin"));
                    }
                    chain.doFilter(request, response);
                })
                .context(JspApp::jsp);
        ServletHolder jsp = new ServletHolder("jsp", JettyJspServlet.class);
        jsp.setInitOrder(0);
        jsp.setInitParameter("fork", "false");
        jsp.setInitParameter("compilerSourceVM", "17");
        jsp.setInitParameter("compilerTargetVM", "17");
        jsp.setInitParameter("keepgenerated", "false");
        builder.servlet("*.jsp", jsp);
        servlets.forEach(builder::servlet);
        ServletHolder files = new ServletHolder("default", DefaultServlet.class);
        files.setInitParameter("dirAllowed", "false");
        builder.servlet("/", files);
        return new JspApp(builder.start(), posts);
    }

    /** Jasper in the context: the webapp folder as the resource base, a scratch folder, the taglibs. */
    private static void jsp(ServletContextHandler context) {
        try {
            context.setBaseResourceAsPath(webapp());
            Path scratch = Files.createTempDirectory("jsp-scratch");
            scratch.toFile().deleteOnExit();
            context.setTempDirectory(scratch.toFile());
            context.setAttribute("jakarta.servlet.context.tempdir", scratch.toFile());
            context.setClassLoader(new URLClassLoader(new URL[0], JspApp.class.getClassLoader()));
            context.setAttribute(InstanceManager.class.getName(), new SimpleInstanceManager());
            context.setAttribute("org.eclipse.jetty.tlds", taglibs());
            context.addServletContainerInitializer(new JettyJasperInitializer());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("could not set up JSP", e);
        }
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
        return app.origin();
    }

    URI uri(String path) {
        return app.uri(path);
    }

    @Override
    public void close() {
        app.close();
    }
}
