package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** What the dispatcher does with a call. */
    record Outcome(Response response, boolean dropConnection) {
        static final Outcome PROCEED = new Outcome(null, false);
        static final Outcome DROP = new Outcome(null, true);
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

    /** Applies the first matching fault to a call; may block (delay, hang). */
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
            if (matched.kind() == Fault.Kind.HANG || matched.kind() == Fault.Kind.DELAY) {
                held++;
                releaseLock.notifyAll();
            }
        }
        return outcome(matched, latch);
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

    /**
     * Waits until at least {@code count} calls are being held by hang or delay faults, so a test knows
     * its call has arrived before it releases it.
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
     * How many calls hang or delay faults are holding right now.
     *
     * @return the number of held calls
     */
    public int heldCalls() {
        synchronized (releaseLock) {
            return held;
        }
    }

    private Outcome outcome(Fault fault, CountDownLatch latch) {
        switch (fault.kind()) {
            case STATUS: {
                int status = fault.status().orElseThrow();
                Response response = Errors.api(status, "Emulated fault: HTTP " + status);
                fault.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", Integer.toString(seconds)));
                return new Outcome(response, false);
            }
            case DELAY:
                hold(latch, fault.delay().orElse(Duration.ZERO));
                return closed ? Outcome.DROP : Outcome.PROCEED;
            case HANG:
                hold(latch, null);
                return Outcome.DROP;
            case RESET:
                return Outcome.DROP;
            case MALFORMED:
                return new Outcome(Response.text(200, Response.JSON, "{\"emulated_fault\": \"malformed\", \"data\": [{"), false);
            case FOREIGN_SOURCE:
                return Outcome.PROCEED; // applied by the sources list itself (see claim)
            default:
                throw new IllegalStateException("unknown fault kind " + fault.kind());
        }
    }

    /** Holds the call until released (or, with a duration, at most that long). */
    private void hold(CountDownLatch latch, Duration duration) {
        try {
            if (!closed) {
                if (duration == null) {
                    latch.await();
                } else {
                    latch.await(duration.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (releaseLock) {
                held--;
                releaseLock.notifyAll();
            }
        }
    }

    // ---- HTTP form ----

    private static final Map<Fault.Kind, Set<String>> FIELDS = Map.of(
            Fault.Kind.STATUS, Set.of("endpoint", "kind", "status", "retryAfterSeconds", "times"),
            Fault.Kind.DELAY, Set.of("endpoint", "kind", "delayMillis", "times"),
            Fault.Kind.HANG, Set.of("endpoint", "kind", "times"),
            Fault.Kind.RESET, Set.of("endpoint", "kind", "times"),
            Fault.Kind.MALFORMED, Set.of("endpoint", "kind", "times"),
            Fault.Kind.FOREIGN_SOURCE, Set.of("endpoint", "kind", "times"));

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
        Fault.Kind kind;
        try {
            kind = Fault.Kind.valueOf(kindName.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            validation.add("kind", "Input should be one of " + java.util.Arrays.stream(Fault.Kind.values())
                    .map(value -> "'" + value.wireName() + "'").collect(java.util.stream.Collectors.joining(", ")), "enum");
            return null;
        }
        rule.properties().forEach(field -> {
            if (!FIELDS.get(kind).contains(field.getKey())) {
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
            validation.add(kind == Fault.Kind.STATUS && e.getMessage().startsWith("status") ? "status"
                    : e.getMessage().startsWith("endpoint") ? "endpoint" : "body", e.getMessage(), "value_error");
            return null;
        }
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
        fault.times().ifPresent(times -> node.put("times", times));
        return node;
    }
}
