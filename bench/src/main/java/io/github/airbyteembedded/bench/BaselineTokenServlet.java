package io.github.airbyteembedded.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;

/**
 * The baseline: what the vendor's Node.js backend example does, written the way a legacy Java app
 * would write it. On every request, on the container thread, it blocks on {@code POST
 * /api/v1/account/applications/token} for a fresh operator token, then blocks on {@code POST
 * /api/v1/account/applications/widget-token}, and answers {@code {"token": ...}}.
 *
 * <p>For a fair comparison it has the same shape as our route where the example differs only by
 * being unsafe: the workspace is the authenticated principal's name (not a {@code userId} from the
 * body), the {@code Origin} must equal the one allowed origin, which is sent as {@code
 * allowed_origin}. The HTTP client is configured like the library's (HTTP/1.1 to the loopback
 * emulator, same connect and request timeouts, no redirects).
 */
final class BaselineTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient HttpClient client;
    private final URI tokenUri;
    private final URI widgetTokenUri;
    private final String clientId;
    private final String clientSecret;
    private final String allowedOrigin;
    private final Duration requestTimeout;

    BaselineTokenServlet(URI apiBase, String clientId, String clientSecret, String allowedOrigin,
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
        try {
            String operatorToken = post(tokenUri, null, Map.of("client_id", clientId, "client_secret", clientSecret))
                    .path("access_token").asText();
            String token = post(widgetTokenUri, operatorToken,
                    Map.of("workspace_name", principal.getName(), "allowed_origin", allowedOrigin))
                    .path("token").asText();
            response.setStatus(200);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            JSON.writeValue(response.getOutputStream(), Map.of("token", token));
        } catch (HttpTimeoutException e) {
            error(response, 504, "upstream_timeout");
        } catch (UpstreamStatus | IOException e) {
            error(response, 502, "upstream_error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, 503, "interrupted");
        }
    }

    private JsonNode post(URI uri, String bearer, Map<String, String> body)
            throws IOException, InterruptedException, UpstreamStatus {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new UpstreamStatus(answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    private static void error(HttpServletResponse response, int status, String code) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + code + "\"}");
    }

    /** Airbyte answered something other than 200. */
    private static final class UpstreamStatus extends Exception {
        private static final long serialVersionUID = 1L;

        UpstreamStatus(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
