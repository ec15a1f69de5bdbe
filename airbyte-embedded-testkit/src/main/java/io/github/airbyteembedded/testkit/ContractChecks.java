package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One emulator's contract checks: every call under {@code /api/} and the emulator's answer to it are
 * checked against the vendor's OpenAPI spec ({@link OpenApiContract}), and what breaks it is recorded
 * (and logged as a warning) until a test takes it. A call whose parameters, content type or body break
 * the contract is refused with 422 in the spec's {@code ApiErrorResponse} shape, each error naming the
 * JSON pointer; a missing Bearer token or an unknown operation is answered as the service answers it.
 * Calls a fault answers are checked, their answers are not (a fault breaks the contract on purpose).
 * Thread-safe.
 */
final class ContractChecks {

    private static final Logger LOG = System.getLogger(AirbyteEmulator.class.getName());
    private static final String API_PREFIX = "/api/";

    private final boolean enabled;
    private final List<ContractViolation> recorded = new ArrayList<>();

    ContractChecks(boolean enabled) {
        this.enabled = enabled;
        if (enabled) {
            OpenApiContract.instance(); // loads the spec now, not in the first call
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** Checks a call; the 422 that refuses it when its parameters, content type or body break the contract. */
    Optional<Response> refusal(Request request) {
        if (!applies(request)) {
            return Optional.empty();
        }
        List<ContractViolation> violations = OpenApiContract.instance().checkRequest(request);
        record(violations);
        List<ContractViolation> refusing = violations.stream().filter(OpenApiContract::refusesCall).toList();
        if (refusing.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = Json.object().put("message", "The request does not follow the API contract of "
                + refusing.get(0).operation() + " (emulator contract checks)");
        ArrayNode errors = body.putArray("errors");
        for (ContractViolation violation : refusing) {
            errors.addObject()
                    .put("field", violation.pointer())
                    .put("message", violation.message())
                    .put("error_code", "contract_violation")
                    .putNull("details");
        }
        return Optional.of(Response.json(422, body));
    }

    /** Checks the emulator's answer to a call. */
    void checkAnswer(Request request, Response response) {
        if (applies(request)) {
            record(OpenApiContract.instance().checkResponse(request, response));
        }
    }

    private boolean applies(Request request) {
        return enabled && request.path().startsWith(API_PREFIX);
    }

    private void record(List<ContractViolation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        violations.forEach(violation -> LOG.log(Level.WARNING, "Contract violation: {0}", violation));
        synchronized (recorded) {
            recorded.addAll(violations);
        }
    }

    /** The violations recorded and not yet taken. */
    List<ContractViolation> snapshot() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** The violations recorded and not yet taken, which are forgotten. */
    List<ContractViolation> take() {
        synchronized (recorded) {
            List<ContractViolation> taken = List.copyOf(recorded);
            recorded.clear();
            return taken;
        }
    }
}
