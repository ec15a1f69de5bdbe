package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The faults active in one emulator ({@link AirbyteEmulator#faults()}); the same list that
 * {@code POST/GET/DELETE /_emulator/faults} manage over HTTP. Thread-safe.
 *
 * <pre>{@code
 * emulator.faults().add(Fault.status("POST /api/v1/account/applications/token", 503).times(1));
 * // ... exercise the retry path of the code under test ...
 * emulator.faults().clear();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Faults {

    /** A fault with its remaining uses (-1: until cleared). */
    private static final class Active {
        final Fault fault;
        final AtomicInteger remaining;

        Active(Fault fault) {
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times().orElse(-1));
        }

        /** Claims one use; false when the fault is used up. */
        boolean claim() {
            while (true) {
                int left = remaining.get();
                if (left == -1) {
                    return true;
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    /** The normal answer of a call: routing it, on demand (a fault that answers by itself never routes). */
    @FunctionalInterface
    interface NormalAnswer {
        Response get() throws IOException;
    }

    /** Writes a faulted answer to the exchange; the dispatcher closes the exchange afterwards. */
    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange, NormalAnswer normal) throws IOException;
    }

    /** What the dispatcher does with a call: proceed normally, answer as {@code answer} says, or drop it. */
    record Outcome(Answer answer, boolean dropConnection) {
        static final Outcome PROCEED = new Outcome(null, false);
        static final Outcome DROP = new Outcome(null, true);

        static Outcome answer(Answer answer) {
            return new Outcome(answer, false);
        }
    }

    private final CopyOnWriteArrayList<Active> active = new CopyOnWriteArrayList<>();
    private final Object releaseLock = new Object();
    private CountDownLatch release = new CountDownLatch(1);
    private volatile boolean closed;
    private int held;

    Faults() {
    }

    /**
     * Adds a fault after the existing ones.
     *
     * @param fault the fault
     */
    public void add(Fault fault) {
        java.util.Objects.requireNonNull(fault, "fault");
        active.add(new Active(fault));
    }

    /** Removes every fault and releases every call that a hang or delay fault is holding. */
    public void clear() {
        active.clear();
        releaseWaiting();
    }

    /**
     * The faults still in force, in the order they apply; a limited fault shows its remaining count as
     * {@link Fault#times()}.
     *
     * @return an unmodifiable snapshot
     */
    public List<Fault> active() {
        List<Fault> result = new ArrayList<>();
        for (Active entry : active) {
            int left = entry.remaining.get();
            if (left == -1) {
                result.add(entry.fault);
            } else if (left > 0) {
                result.add(entry.fault.times(left));
            }
        }
        return List.copyOf(result);
    }

    void close() {
        closed = true;
        clear();
    }

    private void releaseWaiting() {
        synchronized (releaseLock) {
            release.countDown();
            release = new CountDownLatch(1);
        }
    }

    /**
     * Finds the first matching fault of a call and claims one of its uses. The release latch is taken
     * now, so that a {@code clear()} after this point releases the call even before it is held.
     */
    Outcome apply(String endpoint) {
        Fault matched = null;
        CountDownLatch latch;
        synchronized (releaseLock) {
            for (Active entry : active) {
                // contains(): a fault removed by a concurrent clear() must not hold this call
                if (entry.fault.endpoint().equals(endpoint) && !appliedByTheRoute(entry.fault.kind())
                        && active.contains(entry) && entry.claim()) {
                    if (entry.remaining.get() == 0) {
                        active.remove(entry);
                    }
                    matched = entry.fault;
                    break;
                }
            }
            if (matched == null) {
                return Outcome.PROCEED;
            }
            latch = release;
        }
        return outcome(matched, latch);
    }

    /**
     * Waits until at least {@code count} calls are being held by hang, delay, stall-body or slow-body
     * faults, so a test knows its call has arrived (for stall-body: its part of the body is sent) before
     * it releases it.
     *
     * @param count how many held calls to wait for
     * @param timeout the longest wait
     * @return true when that many are held, false on timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitHeldCalls(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (releaseLock) {
            while (held < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(releaseLock, left);
            }
            return true;
        }
    }

    /**
     * How many calls hang, delay, stall-body or slow-body faults are holding right now.
     *
     * @return the number of held calls
     */
    public int heldCalls() {
        synchronized (releaseLock) {
            return held;
        }
    }

    /** Whether faults of this kind are applied by the route that answers the call, not before it. */
    private static boolean appliedByTheRoute(Fault.Kind kind) {
        return kind == Fault.Kind.FOREIGN_SOURCE;
    }

    /**
     * Claims one use of the first active fault of a kind the route applies itself ({@link
     * Fault.Kind#FOREIGN_SOURCE}) for an endpoint; false when there is none.
     */
    boolean claim(Fault.Kind kind, String endpoint) {
        synchronized (releaseLock) {
            for (Active entry : active) {
                if (entry.fault.kind() == kind && entry.fault.endpoint().equals(endpoint) && active.contains(entry)
                        && entry.claim()) {
                    if (entry.remaining.get() == 0) {
                        active.remove(entry);
                    }
                    return true;
                }
            }
            return false;
        }
    }

    private Outcome outcome(Fault fault, CountDownLatch latch) {
        return switch (fault.kind()) {
            case STATUS -> {
                int status = fault.status().orElseThrow();
                Response response = Errors.api(status, "Emulated fault: HTTP " + status);
                fault.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", Integer.toString(seconds)));
                yield Outcome.answer((exchange, normal) -> Dispatcher.write(exchange, response));
            }
            case DELAY -> Outcome.answer((exchange, normal) -> {
                held(() -> pause(latch, fault.delay().orElse(Duration.ZERO)));
                if (!closed) {
                    Dispatcher.write(exchange, normal.get());
                }
            });
            case HANG -> Outcome.answer((exchange, normal) -> held(() -> pause(latch, null)));
            case RESET -> Outcome.DROP;
            case MALFORMED -> Outcome.answer((exchange, normal) -> Dispatcher.write(exchange,
                    Response.text(200, Response.JSON, "{\"emulated_fault\": \"malformed\", \"data\": [{")));
            case STALL_BODY -> Outcome.answer((exchange, normal) -> {
                Response response = normal.get();
                FaultyBodies.sendPart(exchange, response, response.body().length / 2);
                held(() -> pause(latch, null));
            });
            case SLOW_BODY -> Outcome.answer((exchange, normal) -> {
                Response response = normal.get();
                Duration pause = fault.delay().orElse(Duration.ZERO);
                held(() -> FaultyBodies.trickle(exchange, response, () -> pause(latch, pause) || closed));
            });
            case HUGE_BODY -> Outcome.answer((exchange, normal) ->
                    FaultyBodies.sendHuge(exchange, fault.status().orElse(200), fault.sizeBytes().orElseThrow(), () -> closed));
            case TRUNCATED -> Outcome.answer((exchange, normal) -> {
                Response response = normal.get();
                FaultyBodies.sendPart(exchange, response, response.body().length / 2);
            });
            case WRONG_TYPES -> Outcome.answer((exchange, normal) -> Dispatcher.write(exchange, FaultyBodies.wrongTypes(normal.get())));
            case FOREIGN_SOURCE -> Outcome.PROCEED; // applied by the sources list itself (see claim)
        };
    }

    /** Something a held call does while it is counted by {@link #heldCalls()}. */
    @FunctionalInterface
    private interface Holding {
        void run() throws IOException;
    }

    /** Counts the call as held while {@code holding} runs. */
    private void held(Holding holding) throws IOException {
        synchronized (releaseLock) {
            held++;
            releaseLock.notifyAll();
        }
        try {
            holding.run();
        } finally {
            synchronized (releaseLock) {
                held--;
                releaseLock.notifyAll();
            }
        }
    }

    /**
     * Waits until released (or, with a duration, at most that long).
     *
     * @return true when released (the faults were cleared, the emulator reset or closed), false when
     *     the duration passed
     */
    private boolean pause(CountDownLatch latch, Duration duration) {
        if (closed) {
            return true;
        }
        try {
            if (duration == null) {
                latch.await();
                return true;
            }
            return latch.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    // ---- HTTP form ----

    /** The fields of the JSON rule a kind uses; every rule has {@code endpoint}, {@code kind} and may have {@code times}. */
    private static Set<String> fieldsOf(Fault.Kind kind) {
        return switch (kind) {
            case STATUS -> Set.of("status", "retryAfterSeconds");
            case DELAY, SLOW_BODY -> Set.of("delayMillis");
            case HUGE_BODY -> Set.of("sizeBytes", "status");
            case HANG, RESET, MALFORMED, STALL_BODY, TRUNCATED, WRONG_TYPES, FOREIGN_SOURCE -> Set.of();
        };
    }

    private static final Set<String> COMMON_FIELDS = Set.of("endpoint", "kind", "times");

    /** Parses the JSON rule of {@code POST /_emulator/faults}; the validation collects every problem. */
    static Fault fromJson(JsonNode rule, Errors.Validation validation) {
        if (rule == null || !rule.isObject()) {
            validation.add("body", "The body must be a JSON object", "invalid_json");
            return null;
        }
        String endpoint = AccountRoutes.requiredString(rule, "endpoint", validation);
        String kindName = AccountRoutes.requiredString(rule, "kind", validation);
        if (kindName == null) {
            return null;
        }
        Optional<Fault.Kind> parsedKind = Fault.Kind.fromWireName(kindName);
        if (parsedKind.isEmpty()) {
            validation.add("kind", "Input should be " + Arrays.stream(Fault.Kind.values())
                    .map(known -> "'" + known.wireName() + "'").collect(Collectors.joining(", ")), "enum");
            return null;
        }
        Fault.Kind kind = parsedKind.get();
        rule.properties().forEach(field -> {
            if (!COMMON_FIELDS.contains(field.getKey()) && !fieldsOf(kind).contains(field.getKey())) {
                validation.add(field.getKey(), "Not used by a " + kind.wireName() + " fault", "extra_forbidden");
            }
        });
        if (endpoint == null || !validation.isEmpty()) {
            return null;
        }
        try {
            Fault fault = switch (kind) {
                case STATUS -> Fault.status(endpoint, requiredInt(rule, "status", validation));
                case DELAY -> Fault.delay(endpoint, Duration.ofMillis(requiredInt(rule, "delayMillis", validation)));
                case HANG -> Fault.hang(endpoint);
                case RESET -> Fault.reset(endpoint);
                case MALFORMED -> Fault.malformed(endpoint);
                case STALL_BODY -> Fault.stallBody(endpoint);
                case SLOW_BODY -> Fault.slowBody(endpoint, Duration.ofMillis(requiredInt(rule, "delayMillis", validation)));
                case HUGE_BODY -> Fault.hugeBody(endpoint, rule.has("status") ? requiredInt(rule, "status", validation) : 200,
                        requiredLong(rule, "sizeBytes", validation));
                case TRUNCATED -> Fault.truncated(endpoint);
                case WRONG_TYPES -> Fault.wrongTypes(endpoint);
                case FOREIGN_SOURCE -> foreignSource(endpoint);
            };
            if (rule.has("retryAfterSeconds")) {
                fault = fault.retryAfterSeconds(requiredInt(rule, "retryAfterSeconds", validation));
            }
            if (rule.has("times")) {
                fault = fault.times(requiredInt(rule, "times", validation));
            }
            return validation.isEmpty() ? fault : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            validation.add(fieldOf(e.getMessage()), e.getMessage(), "value_error");
            return null;
        }
    }

    /** The rule field a factory's error message is about: its first word when that is a field, else the body. */
    private static String fieldOf(String message) {
        String first = message.split(" ", 2)[0];
        return Set.of("status", "endpoint", "delay", "sizeBytes", "times", "retryAfterSeconds").contains(first)
                ? (first.equals("delay") ? "delayMillis" : first) : "body";
    }

    private static long requiredLong(JsonNode rule, String field, Errors.Validation validation) {
        JsonNode value = rule.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            validation.add(field, "Input should be a valid integer", "int_type");
            return 1; // a harmless placeholder; the validation error wins
        }
        return value.asLong();
    }

    private static Fault foreignSource(String endpoint) {
        if (!Fault.SOURCES_LIST.equals(endpoint)) {
            throw new IllegalArgumentException("endpoint must be \"" + Fault.SOURCES_LIST
                    + "\" for a foreign-source fault");
        }
        return Fault.foreignSource();
    }

    private static int requiredInt(JsonNode rule, String field, Errors.Validation validation) {
        JsonNode value = rule.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            validation.add(field, "Input should be a valid integer", "int_type");
            return 400; // a harmless placeholder; the validation error wins
        }
        return value.asInt();
    }

    static ObjectNode toJson(Fault fault) {
        ObjectNode node = Json.object().put("endpoint", fault.endpoint()).put("kind", fault.kind().wireName());
        fault.status().ifPresent(status -> node.put("status", status));
        fault.retryAfterSeconds().ifPresent(seconds -> node.put("retryAfterSeconds", seconds));
        fault.delay().ifPresent(delay -> node.put("delayMillis", delay.toMillis()));
        fault.sizeBytes().ifPresent(size -> node.put("sizeBytes", size));
        fault.times().ifPresent(times -> node.put("times", times));
        return node;
    }
}
