package io.github.airbyteembedded.testkit.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny web site on 127.0.0.1 for browser tests: host pages, their scripts, and small JSON endpoints,
 * each at an exact path. Each site has its own port, hence its own origin, so two sites make a
 * cross-origin test.
 *
 * <pre>{@code
 * try (LoopbackSite site = LoopbackSite.builder()
 *         .page("/", "text/html", "<button id=go>Go</button>")
 *         .header("/", "Content-Security-Policy", "default-src 'self'")
 *         .build().start()) {
 *     page.navigate(site.uri("/").toString());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LoopbackSite implements AutoCloseable {

    private record Resource(String contentType, Supplier<String> body, Map<String, String> headers) {
    }

    private final Map<String, Resource> resources;
    private HttpServer server;
    private ExecutorService executor;

    private LoopbackSite(Map<String, Resource> resources) {
        this.resources = resources;
    }

    /**
     * Starts describing a site.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds a free port on 127.0.0.1 and starts serving.
     *
     * @return this site
     * @throws UncheckedIOException if it cannot bind
     */
    public LoopbackSite start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-site");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Resource resource = resources.get(exchange.getRequestURI().getPath());
            if (resource == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = resource.body().get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", resource.contentType() + "; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            resource.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * The site's origin, as a browser serializes it.
     *
     * @return for example {@code http://127.0.0.1:40123}
     */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * An absolute URL on this site.
     *
     * @param path a path starting with {@code /}
     * @return the URL
     */
    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** Stops the site. */
    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /**
     * Describes a {@link LoopbackSite}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final Map<String, Resource> resources = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Serves fixed content at a path.
         *
         * @param path the exact path, e.g. {@code /host.js}
         * @param contentType e.g. {@code text/html}
         * @param body the content
         * @return this builder
         */
        public Builder page(String path, String contentType, String body) {
            Objects.requireNonNull(body, "body");
            return dynamic(path, contentType, () -> body);
        }

        /**
         * Serves content computed on each request (for example a token minted by a test backend).
         *
         * @param path the exact path
         * @param contentType e.g. {@code application/json}
         * @param body computes the content
         * @return this builder
         */
        public Builder dynamic(String path, String contentType, Supplier<String> body) {
            resources.put(Objects.requireNonNull(path, "path"),
                    new Resource(Objects.requireNonNull(contentType, "contentType"), body, new LinkedHashMap<>()));
            return this;
        }

        /**
         * Adds a response header to a path already described.
         *
         * @param path the path
         * @param name the header name
         * @param value the header value
         * @return this builder
         * @throws IllegalStateException if no content was described at that path
         */
        public Builder header(String path, String name, String value) {
            Resource resource = resources.get(path);
            if (resource == null) {
                throw new IllegalStateException("describe " + path + " before its headers");
            }
            resource.headers().put(name, value);
            return this;
        }

        /** @return the site, not yet started */
        public LoopbackSite build() {
            return new LoopbackSite(new LinkedHashMap<>(resources));
        }
    }
}
