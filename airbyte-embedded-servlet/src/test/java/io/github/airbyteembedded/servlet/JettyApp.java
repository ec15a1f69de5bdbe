package io.github.airbyteembedded.servlet;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small web application on Jetty 12, on a loopback port, for integration tests of the filter: a
 * stand-in authentication filter, then the Airbyte filter, then a servlet answering every other path.
 *
 * <p>The stand-in authentication filter plays the part of the application's security layer (Spring
 * Security, container login): it turns the test-only header {@code X-Test-User} into the request's
 * principal, before the Airbyte filter runs. The Airbyte filter itself only ever sees the principal.
 */
final class JettyApp implements AutoCloseable {

    static final String USER_HEADER = "X-Test-User";

    private final Server server;
    private final URI baseUri;
    private final Semaphore requestsSeen;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private JettyApp(Server server, URI baseUri, Semaphore requestsSeen) {
        this.server = server;
        this.baseUri = baseUri;
        this.requestsSeen = requestsSeen;
    }

    static JettyApp start(AirbyteEmbeddedConfig config) throws Exception {
        return start(AirbyteEmbedded.create(config), 200);
    }

    /** Starts the app for a shared integration, on a container thread pool of at most {@code maxThreads}. */
    static JettyApp start(AirbyteEmbedded airbyte, int maxThreads) throws Exception {
        FilterHolder holder = new FilterHolder(new AirbyteEmbeddedFilter(airbyte));
        holder.setAsyncSupported(true);
        return start(holder, "", maxThreads);
    }

    static JettyApp startFromInitParams(Map<String, String> initParams, boolean asyncSupported) throws Exception {
        FilterHolder holder = new FilterHolder(AirbyteEmbeddedFilter.class);
        holder.setInitParameters(initParams);
        holder.setAsyncSupported(asyncSupported);
        return start(holder, "");
    }

    static JettyApp start(FilterHolder airbyteFilter, String contextPath) throws Exception {
        return start(airbyteFilter, contextPath, 200);
    }

    static JettyApp start(FilterHolder airbyteFilter, String contextPath, int maxThreads) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName("jetty-app");
        Server server = new Server(threads);
        return start(airbyteFilter, contextPath, server, new ServerConnector(server));
    }

    /**
     * Starts the app with exactly {@code requestThreads} container threads for requests: the pool has
     * one more thread for the connector's acceptor and one for its selector, and no reserved threads.
     */
    static JettyApp startWithRequestThreads(AirbyteEmbedded airbyte, int requestThreads, boolean asyncSupported) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(requestThreads + 2, requestThreads + 2);
        threads.setReservedThreads(0);
        threads.setName("jetty-app");
        Server server = new Server(threads);
        FilterHolder holder = new FilterHolder(new AirbyteEmbeddedFilter(airbyte));
        holder.setAsyncSupported(asyncSupported);
        return start(holder, "", server, new ServerConnector(server, 1, 1));
    }

    private static JettyApp start(FilterHolder airbyteFilter, String contextPath, Server server, ServerConnector connector)
            throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
        Semaphore requestsSeen = new Semaphore(0);
        FilterHolder authentication = new FilterHolder(new StandInAuthenticationFilter(requestsSeen));
        authentication.setAsyncSupported(true);
        context.addFilter(authentication, "/*", EnumSet.of(DispatcherType.REQUEST));
        airbyteFilter.setName("airbyteEmbedded");
        context.addFilter(airbyteFilter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder app = new ServletHolder(new AppServlet());
        app.setAsyncSupported(true);
        context.addServlet(app, "/");
        server.setHandler(context);
        server.start();
        return new JettyApp(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath), requestsSeen);
    }

    int port() {
        return baseUri.getPort();
    }

    /**
     * Waits until the application has started handling {@code count} more requests (each on a
     * container thread, before the Airbyte filter sees it) than when this was last called.
     */
    boolean awaitRequestsSeen(int count, Duration timeout) throws InterruptedException {
        return requestsSeen.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    HttpClient client() {
        return client;
    }

    URI uri(String path) {
        return URI.create(baseUri + path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A token request from {@code user} (null for anonymous) on a page of {@code origin} (null for none). */
    HttpResponse<String> requestToken(String user, String origin, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header(USER_HEADER, user);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.build());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** Test stand-in for the application's authentication layer; see the class comment. */
    private static final class StandInAuthenticationFilter implements Filter {
        private final Semaphore seen;

        StandInAuthenticationFilter(Semaphore seen) {
            this.seen = seen;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            seen.release();
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

    /** Every other route of the application. */
    private static final class AppServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setContentType("text/plain");
            response.setHeader("X-App", "served");
            response.getWriter().write("app " + request.getMethod() + " " + request.getRequestURI());
        }
    }
}
