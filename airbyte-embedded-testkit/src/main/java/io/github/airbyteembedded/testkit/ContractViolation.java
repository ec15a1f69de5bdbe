package io.github.airbyteembedded.testkit;

import java.util.List;
import java.util.Objects;

/**
 * One way a call to the emulator, or the emulator's answer, broke the vendor's OpenAPI contract, found
 * by the emulator's contract checks ({@link AirbyteEmulator.Builder#contractChecks(boolean)}).
 *
 * <p>The {@code pointer} is a JSON pointer into the exchange seen as one document: {@code
 * /request/body/allowed_origin}, {@code /request/query/workspace_name}, {@code
 * /request/header/x-organization-id}, {@code /request/path/id}, {@code /response/status}, {@code
 * /response/body/data/0/id}.
 *
 * @param operation the spec's {@code operationId} of the call, such as {@code
 *     create_account_applications_widget_token}, or {@code "METHOD /path"} when no operation matches
 * @param call the call as the emulator received it, {@code "METHOD /path"} (no query)
 * @param pointer where the exchange breaks the contract
 * @param message what is wrong there
 * @since 0.2.0
 */
public record ContractViolation(String operation, String call, String pointer, String message) {

    /**
     * Creates a violation.
     *
     * @param operation the spec's {@code operationId} of the call, or {@code "METHOD /path"}
     * @param call the call as the emulator received it
     * @param pointer where the exchange breaks the contract
     * @param message what is wrong there
     * @throws NullPointerException if a component is null
     */
    public ContractViolation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A report of violations, one per line, for an assertion message.
     *
     * @param violations the violations
     * @return the report, naming each violation's operation and pointer
     */
    public static String report(List<ContractViolation> violations) {
        StringBuilder text = new StringBuilder(violations.size() + " call(s) broke the Airbyte API contract:");
        for (ContractViolation violation : violations) {
            text.append(System.lineSeparator()).append("  ").append(violation);
        }
        return text.toString();
    }

    /** {@code operation (call) pointer: message}. */
    @Override
    public String toString() {
        return operation + " (" + call + ") " + pointer + ": " + message;
    }
}
