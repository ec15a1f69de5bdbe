package io.github.airbyteembedded.spring.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal HTTP client for the integration tests that behaves like one browser session: it keeps
 * cookies, never follows redirects (so that tests see them), and sends what a page's script would.
 */
final class Browser {

    static final String ORIGIN = "http://localhost:8080";

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final URI base;
    private final HttpClient client;

    Browser(int port) {
        this.base = URI.create("http://localhost:" + port);
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    static HttpRequest.Builder basic(HttpRequest.Builder request, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":password").getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the bootstrap script sends for a widget token: a POST from the page's origin, no body. */
    HttpResponse<String> postToken(HttpRequest.Builder request) {
        return send(request.header("Origin", ORIGIN).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Signs in through the login form, as a person would: GET /login for its CSRF token, then POST it.
     *
     * @return where the application sends the user after signing in
     */
    String signInWithForm(String user) {
        HttpResponse<String> page = send(request("/login").header("Accept", "text/html"));
        Matcher matcher = CSRF_INPUT.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no _csrf input in the login page: " + page.body());
        }
        String token = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        String form = Map.of("username", user, "password", "password", "_csrf", token).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> login = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.toString()).POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("form login failed: " + login.statusCode() + " " + location);
        }
        return location;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
