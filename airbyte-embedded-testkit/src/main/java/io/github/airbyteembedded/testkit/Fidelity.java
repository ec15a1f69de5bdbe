package io.github.airbyteembedded.testkit;

import java.time.Duration;

/**
 * The emulator's fidelity options, fixed at {@code build()}: how strictly it checks the vendor's
 * contract, and which of the real service's behaviours it plays.
 *
 * @param contractChecks whether calls and answers are checked against the OpenAPI spec
 * @param unknownWorkspaceList how an operator's list of an unknown workspace is answered
 * @param deletedSourcesListedFor how long a deleted source stays listed (asynchronous deletes); zero: gone at once
 * @param widgetPagePort the port of the widget page's own origin, 0 for any free port
 */
record Fidelity(boolean contractChecks, UnknownWorkspaceList unknownWorkspaceList, Duration deletedSourcesListedFor,
        int widgetPagePort) {
}
