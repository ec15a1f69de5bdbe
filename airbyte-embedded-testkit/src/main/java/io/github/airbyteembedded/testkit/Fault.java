package io.github.airbyteembedded.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One injected failure of one endpoint: what goes wrong upstream, for testing the code that calls the
 * emulator. Faults are immutable; the factories name the kind and the {@code with}-style methods return
 * a copy with one more setting.
 *
 * <pre>{@code
 * emulator.faults().add(Fault.status("POST /api/v1/account/applications/widget-token", 503)
 *         .retryAfterSeconds(2).times(3));                 // 3 × 503 with Retry-After: 2, then normal
 * emulator.faults().add(Fault.hang("POST /api/v1/account/applications/token"));  // until cleared
 * emulator.faults().clear();                               // also releases hung requests
 * }</pre>
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>what the client sees</th></tr>
 *   <tr><td>{@link Kind#STATUS}</td><td>that HTTP status with an {@code ApiErrorResponse} body, and
 *       {@code Retry-After} when set</td></tr>
 *   <tr><td>{@link Kind#DELAY}</td><td>the normal answer, after the delay</td></tr>
 *   <tr><td>{@link Kind#HANG}</td><td>nothing until the fault is cleared, the emulator is reset or closed;
 *       then the connection is closed without a response</td></tr>
 *   <tr><td>{@link Kind#RESET}</td><td>the connection closed without a response</td></tr>
 *   <tr><td>{@link Kind#MALFORMED}</td><td>200 with {@code Content-Type: application/json} and a body
 *       that is not JSON</td></tr>
 *   <tr><td>{@link Kind#FOREIGN_SOURCE}</td><td>the sources list ({@code GET /api/v1/integrations/connectors})
 *       ignores its workspace filter and the token's workspace scope: it answers with the sources of every
 *       workspace; getting, updating or deleting a source still checks the token</td></tr>
 * </table>
 *
 * <p>The endpoint is {@code "METHOD /path"} exactly as counted by {@link AirbyteEmulator#calls()}: the
 * path without its query. A fault applies to every call until cleared, or to the next
 * {@link #times(int) n} calls. When several faults match, the one added first applies.
 *
 * @since 0.1.0
 */
public final class Fault {

    /**
     * What goes wrong.
     *
     * @since 0.1.0
     */
    public enum Kind {
        /** Answer with an error status. */
        STATUS,
        /** Answer normally, late. */
        DELAY,
        /** Never answer, until released. */
        HANG,
        /** Close the connection without answering. */
        RESET,
        /** Answer 200 with a body that is not JSON. */
        MALFORMED,
        /**
         * List the sources of every workspace, whatever the workspace filter and the token's scope (the
         * sources list only); see {@link Fault#foreignSource()}.
         *
         * @since 0.2.0
         */
        FOREIGN_SOURCE;

        /** @return the lower-case name used in the HTTP API, e.g. {@code "status"} or {@code "foreign-source"} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The one endpoint a {@link Kind#FOREIGN_SOURCE} fault applies to. */
    static final String SOURCES_LIST = "GET " + IntegrationRoutes.CONNECTORS;

    private static final Pattern ENDPOINT = Pattern.compile("[A-Z]+ /\\S*");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final String endpoint;
    private final Kind kind;
    private final int status;
    private final Integer retryAfterSeconds;
    private final Duration delay;
    private final Integer times;

    private Fault(String endpoint, Kind kind, int status, Integer retryAfterSeconds, Duration delay, Integer times) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.times = times;
    }

    /**
     * Answers with an error status.
     *
     * @param endpoint {@code "METHOD /path"}
     * @param status the HTTP status, 400 to 599
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"} or the status is not
     *     an error status
     */
    public static Fault status(String endpoint, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be in 400..599, was " + status);
        }
        return new Fault(checkEndpoint(endpoint), Kind.STATUS, status, null, null, null);
    }

    /**
     * Answers normally after a delay.
     *
     * @param endpoint {@code "METHOD /path"}
     * @param delay how long to wait first (cut short when the faults are cleared or the emulator closes)
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"} or the delay is negative
     */
    public static Fault delay(String endpoint, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(checkEndpoint(endpoint), Kind.DELAY, 0, null, delay, null);
    }

    /**
     * Never answers until the faults are cleared, the emulator is reset or closed; then closes the
     * connection without a response.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     */
    public static Fault hang(String endpoint) {
        return new Fault(checkEndpoint(endpoint), Kind.HANG, 0, null, null, null);
    }

    /**
     * Closes the connection without a response.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     */
    public static Fault reset(String endpoint) {
        return new Fault(checkEndpoint(endpoint), Kind.RESET, 0, null, null, null);
    }

    /**
     * Answers 200 with {@code Content-Type: application/json} and a truncated, unparseable body.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     */
    public static Fault malformed(String endpoint) {
        return new Fault(checkEndpoint(endpoint), Kind.MALFORMED, 0, null, null, null);
    }

    /**
     * Makes the sources list ({@code GET /api/v1/integrations/connectors}) misbehave: it ignores its workspace filter
     * ({@code workspace_name}, {@code workspace_id}) and the workspace scope of a scoped token, and answers
     * with the sources of every workspace of the organization. Getting, updating and deleting a source by
     * id still check the token, so a scoped token is refused another workspace's source (403). For
     * testing that code listing one user's sources never acts on another's.
     *
     * @return the fault, for the endpoint {@code GET /api/v1/integrations/connectors}
     * @since 0.2.0
     */
    public static Fault foreignSource() {
        return new Fault(SOURCES_LIST, Kind.FOREIGN_SOURCE, 0, null, null, null);
    }

    /**
     * Adds a {@code Retry-After} header (in seconds) to a {@link Kind#STATUS} fault.
     *
     * @param seconds the header value, 0 or more
     * @return a copy with the header
     * @throws IllegalStateException if this is not a status fault
     * @throws IllegalArgumentException if negative
     */
    public Fault retryAfterSeconds(int seconds) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("retryAfterSeconds applies to status faults only");
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        return new Fault(endpoint, kind, status, seconds, delay, times);
    }

    /**
     * Limits the fault to the next {@code count} matching calls (without it, the fault lasts until cleared).
     *
     * @param count how many calls, 1 or more
     * @return a copy limited to that many calls
     * @throws IllegalArgumentException if less than 1
     */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Fault(endpoint, kind, status, retryAfterSeconds, delay, count);
    }

    /** @return the endpoint, {@code "METHOD /path"} */
    public String endpoint() {
        return endpoint;
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the status of a {@link Kind#STATUS} fault, else empty */
    public OptionalInt status() {
        return kind == Kind.STATUS ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** @return the {@code Retry-After} seconds, if set */
    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
    }

    /** @return the delay of a {@link Kind#DELAY} fault, else empty */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /** @return how many calls the fault was limited to, or empty when it lasts until cleared */
    public OptionalInt times() {
        return times == null ? OptionalInt.empty() : OptionalInt.of(times);
    }

    private static String checkEndpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!ENDPOINT.matcher(endpoint).matches() || !METHODS.contains(endpoint.substring(0, endpoint.indexOf(' ')))) {
            throw new IllegalArgumentException("endpoint must be \"METHOD /path\", e.g. \"POST /api/v1/account/applications/token\"");
        }
        if (endpoint.contains("?")) {
            throw new IllegalArgumentException("endpoint must not contain a query");
        }
        return endpoint;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault that && endpoint.equals(that.endpoint) && kind == that.kind
                && status == that.status && Objects.equals(retryAfterSeconds, that.retryAfterSeconds)
                && Objects.equals(delay, that.delay) && Objects.equals(times, that.times);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, kind, status, retryAfterSeconds, delay, times);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Fault{").append(kind.wireName()).append(' ').append(endpoint);
        status().ifPresent(s -> text.append(", status=").append(s));
        retryAfterSeconds().ifPresent(s -> text.append(", retryAfterSeconds=").append(s));
        delay().ifPresent(d -> text.append(", delay=").append(d.toMillis()).append("ms"));
        times().ifPresent(t -> text.append(", times=").append(t));
        return text.append('}').toString();
    }
}
