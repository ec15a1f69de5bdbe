package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The seed-style baseline: the vendor's recipe (its Node.js backend example) written in Java as that
 * example is written, asynchronously. On every request it releases the container thread ({@code
 * startAsync}), asks Airbyte for a fresh operator token ({@code POST .../applications/token}, no
 * cache), then for a widget token with it ({@code POST .../applications/widget-token}), both with the
 * JDK's {@code HttpClient.sendAsync}, and answers {@code {"token": ...}} from the client's thread.
 *
 * <p>Like {@link BaselineTokenServlet} it takes the workspace from the authenticated principal and
 * checks the {@code Origin} against the one allowed origin where the example is unsafe; it has no
 * deadline of its own beyond the client's request timeout, no bound on calls in flight, no rate limit.
 */
final class SeedStyleTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient HttpClient client;
    private final URI tokenUri;
    private final URI widgetTokenUri;
    private final String clientId;
    private final String clientSecret;
    private final String allowedOrigin;
    private final Duration requestTimeout;

    SeedStyleTokenServlet(URI apiBase, String clientId, String clientSecret, String allowedOrigin,
            Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.tokenUri = URI.create(apiBase + "/api/v1/account/applications/token");
        this.widgetTokenUri = URI.create(apiBase + "/api/v1/account/applications/widget-token");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.allowedOrigin = allowedOrigin;
        this.requestTimeout = requestTimeout;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            error(response, 401, "unauthenticated");
            return;
        }
        if (!allowedOrigin.equals(request.getHeader("Origin"))) {
            error(response, 403, "origin_not_allowed");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(4 * requestTimeout.toMillis());
        post(tokenUri, null, Map.of("client_id", clientId, "client_secret", clientSecret))
                .thenCompose(operator -> post(widgetTokenUri, operator.path("access_token").asText(),
                        Map.of("workspace_name", principal.getName(), "allowed_origin", allowedOrigin)))
                .whenComplete((widget, failure) -> {
                    HttpServletResponse out = (HttpServletResponse) async.getResponse();
                    try {
                        if (failure == null) {
                            out.setStatus(200);
                            out.setContentType("application/json");
                            out.setHeader("Cache-Control", "no-store");
                            JSON.writeValue(out.getOutputStream(), Map.of("token", widget.path("token").asText()));
                        } else {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            error(out, cause instanceof HttpTimeoutException ? 504 : 502,
                                    cause instanceof HttpTimeoutException ? "upstream_timeout" : "upstream_error");
                        }
                    } catch (IOException | RuntimeException e) {
                        // the client went away
                    } finally {
                        async.complete();
                    }
                });
    }

    private CompletableFuture<JsonNode> post(URI uri, String bearer, Map<String, String> body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(answer -> {
            if (answer.statusCode() != 200) {
                throw new CompletionException(new IOException("HTTP " + answer.statusCode()));
            }
            try {
                return JSON.readTree(answer.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void error(HttpServletResponse response, int status, String code) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + code + "\"}");
    }
}
