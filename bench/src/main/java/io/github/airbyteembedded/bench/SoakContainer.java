package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardWrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The soak's application: embedded Tomcat 11 (as a Spring Boot application runs it) on loopback, a
 * stand-in authentication filter ({@link BenchApp#USER_HEADER} becomes the principal), the library's
 * filter async-supported on {@code /*}, and a small page for every other path.
 *
 * <p>{@link #activeRequests()} is what Spring Boot's graceful shutdown of Tomcat waits on: the
 * context's asynchronous requests in progress plus the servlet instances allocated to requests. A
 * request the library never completes stays in that count, and {@link #shutDownGracefully(Duration)}
 * then waits until its limit, as Spring Boot does before logging "Graceful shutdown aborted with one or
 * more requests still active".
 */
final class SoakContainer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;
    private final StandardContext context;
    private final URI baseUri;
    private final Path baseDir;

    private SoakContainer(Tomcat tomcat, Connector connector, StandardContext context, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.context = context;
        this.baseDir = baseDir;
        this.baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Starts Tomcat with the library's filter for {@code airbyte}, mapped as the README says. */
    @SuppressWarnings("deprecation") // Context.addServletMappingDecoded: what Tomcat's own embedding examples call
    static SoakContainer start(AirbyteEmbedded airbyte) throws Exception {
        Path baseDir = Files.createTempDirectory("airbyte-embedded-soak-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("acceptCount", Integer.toString(BenchApp.ACCEPT_QUEUE));
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        addFilter(context, "authentication", new StandInAuthenticationFilter());
        addFilter(context, "airbyteEmbedded", new AirbyteEmbeddedFilter(airbyte));
        Wrapper page = Tomcat.addServlet(context, "page", new PageServlet());
        page.setAsyncSupported(true);
        context.addServletMappingDecoded("/", "page");
        tomcat.start();
        return new SoakContainer(tomcat, connector, context, baseDir);
    }

    private static void addFilter(Context context, String name, Filter filter) {
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern("/*");
        mapping.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(mapping);
    }

    URI uri(String path) {
        return URI.create(baseUri + path);
    }

    /** Requests Tomcat counts as still active: asynchronous ones not completed, and servlets in use. */
    long activeRequests() {
        long active = context.getInProgressAsyncCount();
        for (Container child : context.findChildren()) {
            active += ((StandardWrapper) child).getCountAllocated();
        }
        return active;
    }

    /**
     * Spring Boot's graceful shutdown of Tomcat: stops accepting requests, then waits until no request
     * is active, at most {@code limit}.
     *
     * @return how long it waited, or {@code null} when requests were still active at the limit
     */
    Duration shutDownGracefully(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        connector.pause();
        long deadline = start + limit.toNanos();
        while (activeRequests() > 0) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (org.apache.catalina.LifecycleException e) {
            throw new IOException("Tomcat did not stop", e);
        } finally {
            try (var files = Files.walk(baseDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Stand-in for the app's authentication layer, as in {@link BenchApp}. */
    private static final class StandInAuthenticationFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader(BenchApp.USER_HEADER);
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }
    }

    /** Every other path of the app. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = "hello from the app\n".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
