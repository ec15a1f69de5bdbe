package io.github.airbyteembedded.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
 * emulator.faults().add(Fault.stallBody("POST /api/v1/account/applications/token").times(1));
 * emulator.faults().clear();                               // also releases hung and stalled requests
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
 *   <tr><td>{@link Kind#STALL_BODY}</td><td>the normal status and headers and the first half of the body,
 *       then nothing until the fault is cleared, the emulator is reset or closed; then the connection is
 *       closed</td></tr>
 *   <tr><td>{@link Kind#SLOW_BODY}</td><td>the normal status and headers at once, then the body one byte
 *       every {@link #delay() delay}</td></tr>
 *   <tr><td>{@link Kind#HUGE_BODY}</td><td>the given status (200 unless set) with a JSON body of
 *       {@link #sizeBytes() sizeBytes} bytes, streamed</td></tr>
 *   <tr><td>{@link Kind#TRUNCATED}</td><td>the normal status and headers with the {@code Content-Length} of
 *       the whole body, the first half of it, then the connection closed</td></tr>
 *   <tr><td>{@link Kind#WRONG_TYPES}</td><td>the normal answer with every JSON string, number, boolean and
 *       null replaced by a value of another type (objects and arrays keep their shape)</td></tr>
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
         * Send the status, the headers and part of the body, then nothing until released.
         *
         * @since 0.2.0
         */
        STALL_BODY,
        /**
         * Send the status and headers, then the body one byte at a time.
         *
         * @since 0.2.0
         */
        SLOW_BODY,
        /**
         * Answer with a body of a given size.
         *
         * @since 0.2.0
         */
        HUGE_BODY,
        /**
         * Announce a longer body than is sent, then close the connection.
         *
         * @since 0.2.0
         */
        TRUNCATED,
        /**
         * Answer with valid JSON whose values have the wrong types.
         *
         * @since 0.2.0
         */
        WRONG_TYPES,
        /**
         * List the sources of every workspace, whatever the workspace filter and the token's scope (the
         * sources list only); see {@link Fault#foreignSource()}.
         *
         * @since 0.2.0
         */
        FOREIGN_SOURCE;

        /** {@return the lower-case name used in the HTTP API, e.g. {@code "status"} or {@code "stall-body"}} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind of a {@link #wireName() wire name} such as {@code "stall-body"}, or empty. */
        static Optional<Kind> fromWireName(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(wireName)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
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
    private final Long sizeBytes;
    private final Integer times;

    private Fault(String endpoint, Kind kind, int status, Integer retryAfterSeconds, Duration delay, Long sizeBytes,
            Integer times) {
        this.endpoint = endpoint;
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.sizeBytes = sizeBytes;
        this.times = times;
    }

    private static Fault of(String endpoint, Kind kind) {
        return new Fault(checkEndpoint(endpoint), kind, 0, null, null, null, null);
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
        return new Fault(checkEndpoint(endpoint), Kind.STATUS, status, null, null, null, null);
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
        return new Fault(checkEndpoint(endpoint), Kind.DELAY, 0, null, delay, null, null);
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
        return of(endpoint, Kind.HANG);
    }

    /**
     * Closes the connection without a response.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     */
    public static Fault reset(String endpoint) {
        return of(endpoint, Kind.RESET);
    }

    /**
     * Answers 200 with {@code Content-Type: application/json} and a truncated, unparseable body.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     */
    public static Fault malformed(String endpoint) {
        return of(endpoint, Kind.MALFORMED);
    }

    /**
     * Sends the normal answer's status and headers (with the {@code Content-Length} of its whole body)
     * and the first half of its body, then nothing until the faults are cleared, the emulator is reset
     * or closed; then closes the connection. The call counts as held ({@link Faults#awaitHeldCalls})
     * once the part of the body is sent.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     * @since 0.2.0
     */
    public static Fault stallBody(String endpoint) {
        return of(endpoint, Kind.STALL_BODY);
    }

    /**
     * Sends the normal answer's status and headers at once, then its body one byte every {@code pause},
     * flushing each. The call counts as held while its body trickles; clearing the faults, resetting or
     * closing the emulator stops it and closes the connection.
     *
     * @param endpoint {@code "METHOD /path"}
     * @param pause how long to wait before each byte
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"} or the pause is negative
     * @since 0.2.0
     */
    public static Fault slowBody(String endpoint, Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(checkEndpoint(endpoint), Kind.SLOW_BODY, 0, null, pause, null, null);
    }

    /**
     * Answers 200 with a JSON object of exactly {@code sizeBytes} bytes (padded with whitespace), streamed
     * without being held in memory. The call is not routed.
     *
     * @param endpoint {@code "METHOD /path"}
     * @param sizeBytes the body size, 1 or more
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"} or the size is less than 1
     * @since 0.2.0
     */
    public static Fault hugeBody(String endpoint, long sizeBytes) {
        return hugeBody(endpoint, 200, sizeBytes);
    }

    /**
     * Answers with {@code status} and a JSON object of exactly {@code sizeBytes} bytes (an {@code
     * ApiErrorResponse} padded with whitespace), streamed without being held in memory. The call is not
     * routed.
     *
     * @param endpoint {@code "METHOD /path"}
     * @param status the HTTP status, 200 to 599
     * @param sizeBytes the body size, 1 or more
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}, the status is not in
     *     200..599 or the size is less than 1
     * @since 0.2.0
     */
    public static Fault hugeBody(String endpoint, int status, long sizeBytes) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be in 200..599, was " + status);
        }
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("sizeBytes must be at least 1");
        }
        return new Fault(checkEndpoint(endpoint), Kind.HUGE_BODY, status, null, null, sizeBytes, null);
    }

    /**
     * Sends the normal answer's status and headers with the {@code Content-Length} of its whole body, the
     * first half of the body, then closes the connection. For endpoints that answer with a body.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     * @since 0.2.0
     */
    public static Fault truncated(String endpoint) {
        return of(endpoint, Kind.TRUNCATED);
    }

    /**
     * Answers with the normal status and a JSON body of the normal shape whose values have the wrong
     * types: strings become numbers, numbers and booleans become strings, nulls become {@code false};
     * objects and arrays keep their fields and items, changed the same way.
     *
     * @param endpoint {@code "METHOD /path"}
     * @return the fault
     * @throws IllegalArgumentException if the endpoint is not {@code "METHOD /path"}
     * @since 0.2.0
     */
    public static Fault wrongTypes(String endpoint) {
        return of(endpoint, Kind.WRONG_TYPES);
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
        return of(SOURCES_LIST, Kind.FOREIGN_SOURCE);
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
        return new Fault(endpoint, kind, status, seconds, delay, sizeBytes, times);
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
        return new Fault(endpoint, kind, status, retryAfterSeconds, delay, sizeBytes, count);
    }

    /** {@return the endpoint, {@code "METHOD /path"}} */
    public String endpoint() {
        return endpoint;
    }

    /** {@return the kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return the status of a {@link Kind#STATUS} or {@link Kind#HUGE_BODY} fault, else empty} */
    public OptionalInt status() {
        return kind == Kind.STATUS || kind == Kind.HUGE_BODY ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** {@return the {@code Retry-After} seconds, if set} */
    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
    }

    /** {@return the delay of a {@link Kind#DELAY} fault or the pause of a {@link Kind#SLOW_BODY} one, else empty} */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /**
     * {@return the body size of a {@link Kind#HUGE_BODY} fault, else empty}
     * @since 0.2.0
     */
    public OptionalLong sizeBytes() {
        return sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
    }

    /** {@return how many calls the fault was limited to, or empty when it lasts until cleared} */
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
                && Objects.equals(delay, that.delay) && Objects.equals(sizeBytes, that.sizeBytes)
                && Objects.equals(times, that.times);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, kind, status, retryAfterSeconds, delay, sizeBytes, times);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Fault{").append(kind.wireName()).append(' ').append(endpoint);
        status().ifPresent(s -> text.append(", status=").append(s));
        retryAfterSeconds().ifPresent(s -> text.append(", retryAfterSeconds=").append(s));
        delay().ifPresent(d -> text.append(", delay=").append(d.toMillis()).append("ms"));
        sizeBytes().ifPresent(size -> text.append(", sizeBytes=").append(size));
        times().ifPresent(t -> text.append(", times=").append(t));
        return text.append('}').toString();
    }
}
