package io.github.airbyteembedded.servlet.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The calls the library makes to the Airbyte API, asynchronously, with the JDK's {@link HttpClient}:
 * the operator token ({@code POST /api/v1/account/applications/token}), the widget token ({@code POST
 * /api/v1/account/applications/widget-token}) and a workspace's scoped token ({@code POST
 * /api/v1/account/applications/scoped-token}), all with the operator token; and a workspace's sources
 * ({@code GET /api/v1/integrations/connectors}, {@code GET} and {@code DELETE .../connectors/{id}}),
 * with the workspace's scoped token.
 *
 * <p>Every failure completes the returned future with an {@link UpstreamException} that already says
 * which {@link ErrorCode} the route answers with. Every call ends within the request timeout, body
 * included, and its body is capped ({@link BoundedBodyHandler}). Response bodies are read only to
 * extract the documented fields, anything else in them is bad data ({@code upstream_error}), and they
 * are never logged or kept.
 */
public final class AirbyteApiClient {

    static final String TOKEN_PATH = "/api/v1/account/applications/token";
    static final String WIDGET_TOKEN_PATH = "/api/v1/account/applications/widget-token";
    static final String SCOPED_TOKEN_PATH = "/api/v1/account/applications/scoped-token";
    static final String CONNECTORS_PATH = "/api/v1/integrations/connectors";

    /** The Retry-After sent with a 503 when Airbyte gave none (see {@code JsonResponses.carriesRetryAfter}). */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Logger LOG = System.getLogger(AirbyteApiClient.class.getName());

    /** The longest operator-token lifetime ({@code expires_in}) taken as a sensible value; longer is bad data. */
    static final Duration MAX_OPERATOR_TOKEN_LIFETIME = Duration.ofDays(365);

    /** How many times a failed operator-token fetch is retried (connect failure, 502/503/504). */
    public static final int OPERATOR_TOKEN_RETRIES = 2;

    /** The first retry waits between half this and this; each further retry three times longer. */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

    /** Upstream Retry-After values up to this are waited out before a retry; longer ones are passed on. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

    private final AirbyteEmbeddedConfig config;
    private final Secret clientSecret;
    private final HttpClient httpClient;
    private final RouteMetrics metrics;
    private final URI tokenUri;
    private final URI widgetTokenUri;
    private final URI scopedTokenUri;
    private final Duration retryBackoff;
    private final AtomicBoolean warnedOfAssumedExpiry = new AtomicBoolean();

    /**
     * @param clientSecret the configuration's client secret, which only this class puts on the wire
     */
    public AirbyteApiClient(AirbyteEmbeddedConfig config, Secret clientSecret, HttpClient httpClient, RouteMetrics metrics) {
        this(config, clientSecret, httpClient, metrics, RETRY_BACKOFF);
    }

    AirbyteApiClient(AirbyteEmbeddedConfig config, Secret clientSecret, HttpClient httpClient, RouteMetrics metrics,
            Duration retryBackoff) {
        this.config = config;
        this.clientSecret = clientSecret;
        this.httpClient = httpClient;
        this.metrics = metrics;
        this.retryBackoff = retryBackoff;
        this.tokenUri = URI.create(config.apiBaseUri() + TOKEN_PATH);
        this.widgetTokenUri = URI.create(config.apiBaseUri() + WIDGET_TOKEN_PATH);
        this.scopedTokenUri = URI.create(config.apiBaseUri() + SCOPED_TOKEN_PATH);
    }

    /** How Airbyte spells a tag selection mode. */
    private static String wireValue(TagSelectionMode mode) {
        return mode == TagSelectionMode.ANY ? "any" : "all";
    }

    /**
     * Creates the HTTP client the configuration asks for: its connect timeout, and no redirects.
     *
     * <p>The JDK completes the future of every {@code sendAsync} on {@code CompletableFuture}'s default
     * executor, so what follows a call (parsing, writing the answer, listeners) never runs on the client's
     * selector thread ({@code AirbyteApiClientThreadsTest}). When that executor is the common pool (a JVM
     * with 3 processors or more, or {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}), the
     * client's own tasks (reading an answer, collecting its body) run on its selector thread ({@code
     * executor(Runnable::run)}) instead of being handed to a pool thread each time, which cuts the client's
     * CPU per call by nearly two thirds (benchmark 10, {@code clients}). Otherwise the default executor starts a thread per task,
     * and the selector thread starting one per call would hold back every other call: the JDK's own pool.
     */
    public static HttpClient newHttpClient(AirbyteEmbeddedConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (completesOnTheCommonPool()) {
            builder.executor(Runnable::run);
        }
        if ("http".equals(config.apiBaseUri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // a loopback emulator: no h2c upgrade dance
        }
        return builder.build();
    }

    /** Whether {@code CompletableFuture}'s default executor, where the JDK completes each call, is the common pool. */
    static boolean completesOnTheCommonPool() {
        return new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool;
    }

    /**
     * Exchanges the client id and secret for an operator token, retrying a connect failure or a
     * 502/503/504 up to {@value #OPERATOR_TOKEN_RETRIES} times with a short jittered backoff. The
     * token is fetched once for all waiting requests (see {@link OperatorTokenCache}), so retries do
     * not multiply with the number of requests.
     */
    public CompletableFuture<OperatorToken> fetchOperatorToken() {
        return fetchOperatorToken(0);
    }

    private CompletableFuture<OperatorToken> fetchOperatorToken(int attempt) {
        return fetchOperatorTokenOnce().exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            Optional<Duration> wait = attempt < OPERATOR_TOKEN_RETRIES ? retryWait(cause, attempt) : Optional.empty();
            if (wait.isEmpty()) {
                return CompletableFuture.failedFuture(cause);
            }
            LOG.log(Level.DEBUG, "Retrying the operator-token fetch in {0} ms", wait.get().toMillis());
            Executor delayed = CompletableFuture.delayedExecutor(wait.get().toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> attempt + 1, delayed).thenCompose(this::fetchOperatorToken);
        });
    }

    /**
     * The longest a {@link #fetchOperatorToken()} can take when every part of it takes as long as it
     * may: each attempt sent twice (a dropped connection is sent again), each under the request
     * timeout, and the longest waits between attempts. A fetch still going past this is hung.
     */
    public Duration operatorTokenFetchDeadline() {
        Duration deadline = config.requestTimeout().multipliedBy(2L * (1 + OPERATOR_TOKEN_RETRIES));
        for (int attempt = 0; attempt < OPERATOR_TOKEN_RETRIES; attempt++) {
            Duration backoff = retryBackoff.multipliedBy((long) Math.pow(3, attempt));
            deadline = deadline.plus(backoff.compareTo(MAX_RETRY_WAIT) > 0 ? backoff : MAX_RETRY_WAIT);
        }
        return deadline;
    }

    /** How long to wait before retrying after {@code failure}, or empty when it must not be retried. */
    private Optional<Duration> retryWait(Throwable failure, int attempt) {
        if (!(failure instanceof UpstreamException upstream) || upstream.errorCode() != ErrorCode.UPSTREAM_UNAVAILABLE) {
            return Optional.empty();
        }
        long ceiling = retryBackoff.toMillis() * (long) Math.pow(3, attempt);
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        Duration upstreamWait = upstream.upstreamRetryAfter().orElse(Duration.ZERO);
        if (upstreamWait.compareTo(MAX_RETRY_WAIT) > 0) {
            return Optional.empty();
        }
        return Optional.of(upstreamWait.compareTo(backoff) > 0 ? upstreamWait : backoff);
    }

    private CompletableFuture<OperatorToken> fetchOperatorTokenOnce() {
        ObjectNode body = Json.object()
                .put("client_id", config.clientId())
                .put("client_secret", clientSecret.reveal());
        HttpRequest request = post(tokenUri, body).build();
        String call = "POST " + TOKEN_PATH;
        return send(call, request).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return read(call, response.body(), text -> parseOperatorToken(call, text, config.clock().instant()));
            }
            if (status == 400 || status == 401 || status == 403) {
                throw UpstreamException.status(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, call, status, null);
            }
            throw classifyStatus(call, response);
        });
    }

    /** Asks for a widget token bound to a workspace and an origin. */
    public CompletableFuture<WidgetToken> createWidgetToken(OperatorToken operatorToken, String workspaceName, String origin) {
        ObjectNode body = Json.object()
                .put("workspace_name", workspaceName)
                .put("allowed_origin", origin);
        config.regionId().ifPresent(region -> body.put("region_id", region));
        if (!config.sourceTemplateTags().isEmpty()) {
            ArrayNode tags = body.putArray("selected_source_template_tags");
            config.sourceTemplateTags().forEach(tags::add);
            body.put("selected_source_template_tags_mode", wireValue(config.sourceTemplateTagsMode()));
        }
        if (!config.connectionTemplateTags().isEmpty()) {
            ArrayNode tags = body.putArray("selected_connection_template_tags");
            config.connectionTemplateTags().forEach(tags::add);
            body.put("selected_connection_template_tags_mode", wireValue(config.connectionTemplateTagsMode()));
        }
        HttpRequest request = post(widgetTokenUri, body)
                .header("Authorization", "Bearer " + operatorToken.accessToken().reveal())
                .build();
        String call = "POST " + WIDGET_TOKEN_PATH;
        return send(call, request).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return read(call, response.body(), text -> widgetToken(call, text));
            }
            throw classifyAuthorized(call, response, operatorToken);
        });
    }

    /**
     * Asks for a token scoped to a workspace, which Airbyte lets see and change that workspace's sources
     * only. Airbyte creates the workspace when it does not exist yet (in the configured region), as it
     * does for a widget token, so the call is repeatable.
     */
    public CompletableFuture<ScopedToken> fetchScopedToken(OperatorToken operatorToken, String workspaceName) {
        ObjectNode body = Json.object().put("workspace_name", workspaceName);
        config.regionId().ifPresent(region -> body.put("region_id", region));
        HttpRequest request = post(scopedTokenUri, body)
                .header("Authorization", "Bearer " + operatorToken.accessToken().reveal())
                .build();
        String call = "POST " + SCOPED_TOKEN_PATH;
        return send(call, request).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return parseScopedToken(call, response.body(), config.clock().instant());
            }
            throw classifyAuthorized(call, response, operatorToken);
        });
    }

    /** Lists the sources (connectors) of a workspace; an unknown workspace has none. */
    public CompletableFuture<List<SourceItem>> listSources(BearerToken token, String workspaceName) {
        URI uri = URI.create(config.apiBaseUri() + CONNECTORS_PATH + "?workspace_name="
                + URLEncoder.encode(workspaceName, StandardCharsets.UTF_8));
        HttpRequest request = authorized(HttpRequest.newBuilder(uri).GET(), token).build();
        String call = "GET " + CONNECTORS_PATH;
        return send(call, request).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return read(call, response.body(), text -> parseSources(call, text));
            }
            if (status == 404) {
                return List.of();
            }
            throw classifyAuthorized(call, response, token);
        });
    }

    /**
     * Asks whether a source (connector) is there for the token: {@code true} when Airbyte shows it;
     * {@code false} when it does not know it, or refuses a scoped token on it (403: another workspace's).
     */
    public CompletableFuture<Boolean> sourceVisible(BearerToken token, String sourceId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(connectorUri(sourceId)).GET(), token).build();
        String call = "GET " + CONNECTORS_PATH + "/{id}";
        return send(call, request).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return true;
            }
            if (status == 404 || isRefusedScope(token, status)) {
                return false;
            }
            throw classifyAuthorized(call, response, token);
        });
    }

    /**
     * Deletes a source (connector) by id; {@code false} when Airbyte does not know it, or refuses a
     * scoped token on it (403: another workspace's), and nothing was deleted.
     */
    public CompletableFuture<Boolean> deleteSource(BearerToken token, String sourceId) {
        HttpRequest request = authorized(HttpRequest.newBuilder(connectorUri(sourceId)).DELETE(), token).build();
        String call = "DELETE " + CONNECTORS_PATH + "/{id}";
        return send(call, request, false).thenApply(response -> {
            int status = response.statusCode();
            if (status == 200 || status == 202 || status == 204) {
                return true;
            }
            if (status == 404 || isRefusedScope(token, status)) {
                return false;
            }
            throw classifyAuthorized(call, response, token);
        });
    }

    private URI connectorUri(String sourceId) {
        return URI.create(config.apiBaseUri() + CONNECTORS_PATH + "/" + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
    }

    /** A 403 to a scoped token on one source: the spec's answer for another workspace's source. */
    private static boolean isRefusedScope(BearerToken token, int status) {
        return status == 403 && token instanceof ScopedToken;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder, BearerToken token) {
        builder.timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.accessToken().reveal());
        config.organizationId().ifPresent(org -> builder.header("X-Organization-Id", org));
        return builder;
    }

    /**
     * Classifies an unwelcome answer to a call made with a bearer token. A 401 or a 403 refuses the token,
     * so that a fresh one is tried once before {@code upstream_credentials_rejected}: the spec documents
     * 403 (not 401) for a revoked operator token, and a 403 to a scoped token on its own workspace's list
     * means the token no longer fits the workspace (for example one deleted and created again).
     */
    private UpstreamException classifyAuthorized(String call, HttpResponse<String> response, BearerToken token) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return UpstreamException.tokenRejected(call, status, token.kind());
        }
        return classifyStatus(call, response);
    }

    /**
     * Reads a success body with {@code reader}. Whatever the reader cannot make sense of is Airbyte's bad
     * data ({@code upstream_error}, 502), never a failure of ours: a reader that throws anything but an
     * {@link UpstreamException} is reported by the exception's class only, as its message may quote
     * the body.
     */
    private static <T> T read(String call, String body, Function<String, T> reader) {
        try {
            return reader.apply(body);
        } catch (UpstreamException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Airbyte {0} answered with data that could not be read ({1})", call, e.getClass().getName());
            throw UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " answered with data that could not be read", null, null);
        }
    }

    /** The scoped token in a 200 answer; {@code upstream_error} without one. Package-private for the fuzz tests. */
    static ScopedToken parseScopedToken(String call, String body, Instant fetchedAt) {
        return Json.parseObject(body)
                .flatMap(node -> Json.text(node, "token"))
                .filter(token -> !token.isBlank())
                .map(token -> ScopedToken.of(token, fetchedAt))
                .orElseThrow(() -> UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " answered 200 without a token", null, null));
    }

    /** The sources in a 200 answer; {@code upstream_error} for anything else. Package-private for the fuzz tests. */
    static List<SourceItem> parseSources(String call, String body) {
        JsonNode data = Json.parseObject(body).map(node -> node.get("data")).orElse(null);
        if (data == null || !data.isArray()) {
            throw UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " answered 200 without a data array", null, null);
        }
        List<SourceItem> sources = new ArrayList<>();
        for (JsonNode item : data) {
            sources.add(SourceItem.fromListItem(item).orElseThrow(() -> UpstreamException.failure(ErrorCode.UPSTREAM_ERROR,
                    call + " answered 200 with a source that is not in the documented format", null, null)));
        }
        return List.copyOf(sources);
    }

    private HttpRequest.Builder post(URI uri, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        config.organizationId().ifPresent(org -> builder.header("X-Organization-Id", org));
        return builder;
    }

    /** Sends a call whose repetition is harmless (see {@link #send(String, HttpRequest, boolean)}). */
    private CompletableFuture<HttpResponse<String>> send(String call, HttpRequest request) {
        return send(call, request, true);
    }

    /**
     * Sends a call. When {@code repeatable} and the connection is dropped before any response (typically
     * a pooled connection that the server or a load balancer closed while it was idle), the call is
     * sent once more at once, on a new connection; a timeout or a refused connection is not repeated
     * here. Only calls whose repetition changes nothing are repeatable: the tokens (a widget-token call
     * creates the workspace or reuses it) and reads, not deletes.
     */
    private CompletableFuture<HttpResponse<String>> send(String call, HttpRequest request, boolean repeatable) {
        return sendOnce(call, request).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            if (repeatable && cause instanceof UpstreamException classified && classified.getCause() instanceof IOException
                    && !(classified.getCause() instanceof HttpTimeoutException) && !(classified.getCause() instanceof ConnectException)) {
                LOG.log(Level.DEBUG, "Sending Airbyte {0} again on a new connection", call);
                return sendOnce(call, request);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * Sends a call once, under one deadline for the whole exchange: the configured request timeout,
     * from sending to the last byte of the body. (The JDK client's own request timeout stops counting
     * once the headers are in, so a body that stalls would otherwise never end.) At the deadline the
     * body is aborted, which closes the connection; bodies are capped ({@link BoundedBodyHandler}).
     */
    private CompletableFuture<HttpResponse<String>> sendOnce(String call, HttpRequest request) {
        long started = System.nanoTime();
        BoundedBodyHandler body = new BoundedBodyHandler(call);
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = httpClient.sendAsync(request, body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " could not be sent", null, e));
        }
        Duration deadline = config.requestTimeout();
        CompletableFuture<HttpResponse<String>> bounded = Deadlines.within(exchange.copy(), deadline);
        bounded.whenComplete((response, failure) -> {
            if (Failures.cause(failure) instanceof TimeoutException) {
                body.abort(new HttpTimeoutException(call + " did not complete within " + deadline.toMillis() + " ms"));
            }
        });
        return bounded.handle((response, failure) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            long elapsedMillis = elapsed.toMillis();
            metrics.upstreamCall(call, failure == null ? response.statusCode() : -1, elapsed);
            if (failure != null) {
                UpstreamException classified = classifyFailure(call, Failures.cause(failure));
                LOG.log(Level.WARNING, "Airbyte {0} failed after {1} ms: {2}", call, elapsedMillis, classified.getMessage());
                throw classified;
            }
            // Any 2xx is a success (a delete answers 202 with a job id); the rest is worth a warning.
            int status = response.statusCode();
            Level level = status >= 200 && status < 300 ? Level.DEBUG : Level.WARNING;
            if (LOG.isLoggable(level)) {
                LOG.log(level, "Airbyte {0} answered HTTP {1} after {2} ms", call, status, elapsedMillis);
            }
            return response;
        });
    }

    private static UpstreamException classifyFailure(String call, Throwable failure) {
        if (failure instanceof UpstreamException upstream) {
            return upstream;
        }
        if (failure instanceof HttpConnectTimeoutException || failure instanceof HttpTimeoutException
                || failure instanceof TimeoutException) {
            return UpstreamException.failure(ErrorCode.UPSTREAM_TIMEOUT, call + " timed out", null, failure);
        }
        if (failure instanceof ConnectException) {
            return UpstreamException.failure(ErrorCode.UPSTREAM_UNAVAILABLE, call + " could not connect",
                    DEFAULT_RETRY_AFTER, failure);
        }
        if (failure instanceof IOException) {
            return UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " failed: the connection was closed",
                    null, failure);
        }
        return UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, call + " failed", null, failure);
    }

    private UpstreamException classifyStatus(String call, HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), config.clock());
        if (status == 429) {
            return UpstreamException.status(ErrorCode.UPSTREAM_RATE_LIMITED, call, status,
                    retryAfter.orElse(DEFAULT_RETRY_AFTER), retryAfter.orElse(null));
        }
        if (status == 502 || status == 503 || status == 504) {
            return UpstreamException.status(ErrorCode.UPSTREAM_UNAVAILABLE, call, status,
                    retryAfter.orElse(DEFAULT_RETRY_AFTER), retryAfter.orElse(null));
        }
        return UpstreamException.status(ErrorCode.UPSTREAM_ERROR, call, status, null);
    }

    /** Parses a Retry-After value in seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        Duration duration;
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                duration = Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                duration = MAX_RETRY_AFTER;
            }
        } else {
            try {
                ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                duration = Duration.between(clock.instant(), date.toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (duration.isNegative()) {
            duration = Duration.ZERO;
        }
        return Optional.of(duration.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : duration);
    }

    /** The operator token in a 200 answer; {@code upstream_error} for anything else. Package-private for the fuzz tests. */
    static OperatorToken parseOperatorToken(String call, String body, Instant fetchedAt) {
        Optional<JsonNode> json = Json.parseObject(body);
        Optional<String> accessToken = json.flatMap(node -> Json.text(node, "access_token"));
        JsonNode expiresIn = json.map(node -> node.get("expires_in")).orElse(null);
        if (accessToken.isEmpty() || expiresIn == null || !expiresIn.isNumber() || !expiresIn.canConvertToLong()
                || expiresIn.asLong() <= 0 || expiresIn.asLong() > MAX_OPERATOR_TOKEN_LIFETIME.toSeconds()) {
            throw UpstreamException.failure(ErrorCode.UPSTREAM_ERROR,
                    call + " answered 200 without a usable access_token and expires_in", null, null);
        }
        return new OperatorToken(Secret.of(accessToken.get()), Duration.ofSeconds(expiresIn.asLong()), fetchedAt);
    }

    private WidgetToken widgetToken(String call, String body) {
        WidgetToken token = parseWidgetToken(call, body, config.clock().instant());
        if (token.expiryAssumed() && warnedOfAssumedExpiry.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Airbyte {0} answered a widget token whose inner token has no readable exp; its expiry is "
                    + "taken as the documented lifetime, {1} minutes from now (logged once)", call,
                    WidgetToken.DOCUMENTED_LIFETIME.toMinutes());
        }
        return token;
    }

    /** The widget token in a 200 answer; {@code upstream_error} for anything else. Package-private for the fuzz tests. */
    static WidgetToken parseWidgetToken(String call, String body, Instant now) {
        return Json.parseObject(body)
                .flatMap(node -> Json.text(node, "token"))
                .flatMap(text -> WidgetToken.decode(text, now))
                .orElseThrow(() -> UpstreamException.failure(ErrorCode.UPSTREAM_ERROR,
                        call + " answered 200 without a widget token in the documented format", null, null));
    }
}
