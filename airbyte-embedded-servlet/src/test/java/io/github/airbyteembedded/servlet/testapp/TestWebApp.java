package io.github.airbyteembedded.servlet.testapp;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.testkit.leaks.CapturedOutput;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A web application on Jetty 12, on a loopback port, for the tests of every module that needs the
 * filter in a real container: filters the test adds, a stand-in authentication filter, the Airbyte
 * filter, then the test's servlets and a servlet answering every other path.
 *
 * <p>The stand-in authentication filter plays the part of the application's security layer (Spring
 * Security, container login): the test-only header {@value #USER_HEADER}, or the cookie {@value
 * #USER_COOKIE} that a browser sends, becomes the request's principal before the Airbyte filter runs.
 * The Airbyte filter itself only ever sees the principal.
 *
 * <pre>{@code
 * try (TestWebApp app = TestWebApp.start(config)) {
 *     HttpResponse<String> token = app.requestToken("alice", "http://localhost:8080", "{}");
 * }
 * }</pre>
 *
 * <p>Every error body the app answers (status 400 and up) goes to the leak scan ({@link CapturedOutput}).
 *
 * <p>Other modules use it through this module's test-jar ({@code <type>test-jar</type>}).
 */
public final class TestWebApp implements AutoCloseable {

    /** The test-only header whose value becomes the request's principal. */
    public static final String USER_HEADER = "X-Test-User";

    /** The cookie whose value becomes the request's principal (for browsers). */
    public static final String USER_COOKIE = "test-user";

    private final Server server;
    private final URI baseUri;
    private final Semaphore requestsSeen;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestWebApp(Server server, URI baseUri, Semaphore requestsSeen) {
        this.server = server;
        this.baseUri = baseUri;
        this.requestsSeen = requestsSeen;
    }

    /** A new builder: the root context, a free port, 200 container threads. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the app with a filter of this configuration. */
    public static TestWebApp start(AirbyteEmbeddedConfig config) throws Exception {
        return builder().airbyte(AirbyteEmbedded.create(config)).start();
    }

    /** Starts the app for a shared integration, on a container thread pool of at most {@code maxThreads}. */
    public static TestWebApp start(AirbyteEmbedded airbyte, int maxThreads) throws Exception {
        return builder().airbyte(airbyte).threads(maxThreads).start();
    }

    /** Starts the app with a filter configured from init-params, as web.xml declares it. */
    public static TestWebApp startFromInitParams(Map<String, String> initParams, boolean asyncSupported) throws Exception {
        FilterHolder holder = new FilterHolder(AirbyteEmbeddedFilter.class);
        holder.setInitParameters(initParams);
        holder.setAsyncSupported(asyncSupported);
        return builder().filter(holder).start();
    }

    /** Starts the app with this filter holder, in a context at {@code contextPath}. */
    public static TestWebApp start(FilterHolder airbyteFilter, String contextPath) throws Exception {
        return builder().filter(airbyteFilter).contextPath(contextPath).start();
    }

    /**
     * Starts the app with exactly {@code requestThreads} container threads for requests: the pool has
     * one more thread for the connector's acceptor and one for its selector, and no reserved threads.
     */
    public static TestWebApp startWithRequestThreads(AirbyteEmbedded airbyte, int requestThreads, boolean asyncSupported)
            throws Exception {
        return builder().airbyte(airbyte, asyncSupported).requestThreads(requestThreads).start();
    }

    /** A free loopback port, to know the app's origin (its allowed origin) before it starts. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return baseUri.getPort();
    }

    /** The app's origin, {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Waits until the application has started handling {@code count} more requests (each on a
     * container thread, before the Airbyte filter sees it) than when this was last called.
     */
    public boolean awaitRequestsSeen(int count, Duration timeout) throws InterruptedException {
        return requestsSeen.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HttpClient client() {
        return client;
    }

    /** The URI of a path of the app, after its context path. */
    public URI uri(String path) {
        return URI.create(baseUri + path);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A token request from {@code user} (null for anonymous) on a page of {@code origin} (null for none). */
    public HttpResponse<String> requestToken(String user, String origin, String body) throws IOException, InterruptedException {
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

    /** Builds and starts a {@link TestWebApp}. */
    public static final class Builder {

        private FilterHolder airbyteFilter;
        private String contextPath = "";
        private int port;
        private int maxThreads = 200;
        private int requestThreads;
        private final List<Filter> filtersBeforeAuthentication = new ArrayList<>();
        private final Map<String, ServletHolder> servlets = new LinkedHashMap<>();
        private final List<Consumer<ServletContextHandler>> contextSetup = new ArrayList<>();

        private Builder() {
        }

        /** The Airbyte filter of an integration, async-supported. */
        public Builder airbyte(AirbyteEmbedded airbyte) {
            return airbyte(airbyte, true);
        }

        /** The Airbyte filter of an integration. */
        public Builder airbyte(AirbyteEmbedded airbyte, boolean asyncSupported) {
            FilterHolder holder = new FilterHolder(new AirbyteEmbeddedFilter(Objects.requireNonNull(airbyte, "airbyte")));
            holder.setAsyncSupported(asyncSupported);
            return filter(holder);
        }

        /** The Airbyte filter as the test set it up (from init-params, for example). */
        public Builder filter(FilterHolder airbyteFilter) {
            this.airbyteFilter = Objects.requireNonNull(airbyteFilter, "airbyteFilter");
            return this;
        }

        /** The context path: {@code ""} (the default) for the root context, or {@code /name}. */
        public Builder contextPath(String contextPath) {
            this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
            return this;
        }

        /** A loopback port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The most container threads (default 200). */
        public Builder threads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        /** Exactly this many container threads for requests, one acceptor, one selector, none reserved. */
        public Builder requestThreads(int requestThreads) {
            this.requestThreads = requestThreads;
            return this;
        }

        /** A filter that sees every request before the stand-in authentication (to record what arrives). */
        public Builder filterBeforeAuthentication(Filter filter) {
            filtersBeforeAuthentication.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** A servlet of the app, async-supported, at a servlet mapping such as {@code /connect} or {@code *.jsp}. */
        public Builder servlet(String mapping, HttpServlet servlet) {
            ServletHolder holder = new ServletHolder(Objects.requireNonNull(servlet, "servlet"));
            holder.setAsyncSupported(true);
            return servlet(mapping, holder);
        }

        /** A servlet of the app as the test set it up; {@code /} replaces the servlet answering every other path. */
        public Builder servlet(String mapping, ServletHolder servlet) {
            servlets.put(Objects.requireNonNull(mapping, "mapping"), Objects.requireNonNull(servlet, "servlet"));
            return this;
        }

        /** More setup of the servlet context before it starts (a JSP engine, a resource base). */
        public Builder context(Consumer<ServletContextHandler> setup) {
            contextSetup.add(Objects.requireNonNull(setup, "setup"));
            return this;
        }

        /** Starts the app. */
        public TestWebApp start() throws Exception {
            Objects.requireNonNull(airbyteFilter, "set the Airbyte filter: airbyte(...) or filter(...)");
            QueuedThreadPool threads = requestThreads > 0 ? new QueuedThreadPool(requestThreads + 2, requestThreads + 2)
                    : new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
            if (requestThreads > 0) {
                threads.setReservedThreads(0);
            }
            threads.setName("test-web-app");
            Server server = new Server(threads);
            ServerConnector connector = requestThreads > 0 ? new ServerConnector(server, 1, 1) : new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
            EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
            for (Filter filter : filtersBeforeAuthentication) {
                FilterHolder holder = new FilterHolder(filter);
                holder.setAsyncSupported(true);
                context.addFilter(holder, "/*", requests);
            }
            Semaphore requestsSeen = new Semaphore(0);
            FilterHolder authentication = new FilterHolder(new StandInAuthenticationFilter(requestsSeen));
            authentication.setAsyncSupported(true);
            context.addFilter(authentication, "/*", requests);
            airbyteFilter.setName("airbyteEmbedded");
            context.addFilter(airbyteFilter, "/*", requests);
            contextSetup.forEach(setup -> setup.accept(context));
            servlets.forEach((mapping, servlet) -> context.addServlet(servlet, mapping));
            if (!servlets.containsKey("/")) {
                ServletHolder app = new ServletHolder(new AppServlet());
                app.setAsyncSupported(true);
                context.addServlet(app, "/");
            }
            server.setHandler(new ErrorBodies(context));
            server.start();
            return new TestWebApp(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath), requestsSeen);
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
            for (Cookie cookie : http.getCookies() == null ? new Cookie[0] : http.getCookies()) {
                if (user == null && USER_COOKIE.equals(cookie.getName())) {
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

    /** Hands every error body (status 400 and up) to the leak scan, whichever thread writes it. */
    private static final class ErrorBodies extends Handler.Wrapper {

        ErrorBodies(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Response capturing = new Response.Wrapper(request, response) {
                @Override
                public void write(boolean last, ByteBuffer content, Callback written) {
                    if (getStatus() >= 400) {
                        synchronized (body) {
                            if (content != null && content.hasRemaining()) {
                                ByteBuffer copy = content.slice();
                                byte[] bytes = new byte[copy.remaining()];
                                copy.get(bytes);
                                body.write(bytes, 0, bytes.length);
                            }
                            if (last) {
                                CapturedOutput.add("error body " + getStatus() + " " + request.getHttpURI().getPath(),
                                        body.toString(StandardCharsets.UTF_8));
                            }
                        }
                    }
                    super.write(last, content, written);
                }
            };
            return super.handle(request, capturing, callback);
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
