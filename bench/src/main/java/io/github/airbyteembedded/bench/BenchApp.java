package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
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
import java.security.Principal;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * "A legacy app on a fixed pool of container threads": Jetty 12 on loopback with a fixed-size
 * {@link QueuedThreadPool} (min = max), one acceptor and one selector, a stand-in authentication
 * filter, and an app servlet answering every other path ({@link #OTHER_PATH}). The token route is
 * either our filter or the {@link BaselineTokenServlet}; everything else is identical, so the two can
 * be compared side by side.
 *
 * <p>The stand-in authentication filter plays the app's security layer: it turns the benchmark-only
 * header {@link #USER_HEADER} into the request's principal before the token route runs.
 */
final class BenchApp implements AutoCloseable {

    static final String USER_HEADER = "X-Bench-User";
    static final String OTHER_PATH = "/hello";
    static final String TOKEN_PATH = AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH;

    /** Room for a burst of connections arriving together (Jetty's default is the JDK's 50). */
    static final int ACCEPT_QUEUE = 1024;

    private final String name;
    private final Server server;
    private final URI baseUri;

    private BenchApp(String name, Server server, URI baseUri) {
        this.name = name;
        this.server = server;
        this.baseUri = baseUri;
    }

    /** The app with our filter mounted for {@code /*} with async support, as the README says. */
    static BenchApp ours(AirbyteEmbedded airbyte, int threads) throws Exception {
        return start("ours", threads, context -> {
            FilterHolder holder = new FilterHolder(new AirbyteEmbeddedFilter(airbyte));
            holder.setName("airbyteEmbedded");
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    /** The app with the blocking baseline servlet at the token path. */
    static BenchApp baseline(BaselineTokenServlet servlet, int threads) throws Exception {
        return start("baseline", threads, context -> context.addServlet(new ServletHolder(servlet), TOKEN_PATH));
    }

    /** The app with the seed-style (asynchronous) baseline servlet at the token path. */
    static BenchApp seedStyle(SeedStyleTokenServlet servlet, int threads) throws Exception {
        return start("seed-style", threads, context -> {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, TOKEN_PATH);
        });
    }

    private interface Mount {
        void into(ServletContextHandler context);
    }

    private static BenchApp start(String name, int threads, Mount tokenRoute) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("jetty-" + name);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder authentication = new FilterHolder(new StandInAuthenticationFilter());
        authentication.setAsyncSupported(true);
        context.addFilter(authentication, "/*", EnumSet.of(DispatcherType.REQUEST));
        tokenRoute.into(context);
        ServletHolder other = new ServletHolder(new OtherRouteServlet());
        other.setAsyncSupported(true);
        context.addServlet(other, "/");
        server.setHandler(context);
        server.start();
        return new BenchApp(name, server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    String name() {
        return name;
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

    /** Stand-in for the app's authentication layer; see the class comment. */
    private static final class StandInAuthenticationFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader(USER_HEADER);
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

    /** Every other route of the app: a small, fast page. */
    private static final class OtherRouteServlet extends HttpServlet {
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
