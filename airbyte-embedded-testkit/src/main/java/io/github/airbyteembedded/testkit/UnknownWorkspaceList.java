package io.github.airbyteembedded.testkit;

/**
 * How the emulator answers an operator's list of sources ({@code GET /api/v1/integrations/connectors})
 * for a {@code workspace_name} or {@code workspace_id} that names no workspace. The vendor's spec says
 * nothing of it; the real service may answer any of these, so code under test can be run against each
 * ({@link AirbyteEmulator.Builder#unknownWorkspaceList(UnknownWorkspaceList)}).
 *
 * @since 0.2.0
 */
public enum UnknownWorkspaceList {

    /** {@code 200 {"data": []}}, the default. */
    EMPTY(200),

    /** {@code 404 {"detail": "Workspace not found"}}. */
    NOT_FOUND(404),

    /** {@code 422} in the spec's {@code ApiErrorResponse} shape, naming the parameter. */
    UNPROCESSABLE(422);

    private final int status;

    UnknownWorkspaceList(int status) {
        this.status = status;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return 200, 404 or 422
     */
    public int status() {
        return status;
    }
}
