package io.github.airbyteembedded.servlet;

/** What a workspace name sent to Airbyte may be: not blank, at most 256 characters, no control characters. */
final class WorkspaceNames {

    static final int MAX_LENGTH = 256;

    private WorkspaceNames() {
    }

    static boolean isValid(String name) {
        return !name.isBlank() && name.length() <= MAX_LENGTH && name.codePoints().noneMatch(Character::isISOControl);
    }
}
