package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Workspace-name validation and normalisation on any text (UTF-8, or UTF-16 to reach lone surrogates),
 * with and without case folding: it never throws; a name it accepts is already in normal form (accepted
 * again unchanged), is what may be sent to Airbyte ({@link WorkspaceNames#isNormal}), is not empty, has
 * at most {@value WorkspaceNames#MAX_LENGTH} code points, no space at either end and no control, format
 * or unassigned character; a name it refuses makes {@code require} throw the one exception that says so.
 */
class WorkspaceNamesFuzzTest {

    /** First byte: bit 0 folds case, bit 1 reads the rest as UTF-16BE instead of UTF-8. */
    @FuzzTest
    void workspaceName(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean foldCase = (input[0] & 1) != 0;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        String name = new String(rest, (input[0] & 2) != 0 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
        WorkspaceNames names = WorkspaceNames.of(foldCase);
        Optional<String> normal = names.normalize(name);
        if (normal.isEmpty()) {
            assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class, () -> names.require(name));
            return;
        }
        String accepted = normal.get();
        assertEquals(normal, names.normalize(accepted), "a name accepted is already normal");
        assertEquals(accepted, names.require(name));
        assertTrue(WorkspaceNames.isNormal(accepted), "what is sent to Airbyte is in normal form");
        assertFalse(accepted.isEmpty());
        assertTrue(accepted.codePointCount(0, accepted.length()) <= WorkspaceNames.MAX_LENGTH);
        assertTrue(accepted.codePoints().noneMatch(WorkspaceNamesFuzzTest::refused));
        assertFalse(Character.getType(accepted.codePointAt(0)) == Character.SPACE_SEPARATOR);
        assertFalse(Character.getType(accepted.codePointBefore(accepted.length())) == Character.SPACE_SEPARATOR);
    }

    private static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
