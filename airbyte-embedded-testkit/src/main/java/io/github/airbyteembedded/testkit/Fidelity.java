package io.github.airbyteembedded.testkit;

/**
 * The emulator's fidelity options, fixed at {@code build()}: how strictly it checks the vendor's
 * contract, and which of the real service's behaviours it plays.
 *
 * @param contractChecks whether calls and answers are checked against the OpenAPI spec
 */
record Fidelity(boolean contractChecks) {
}
