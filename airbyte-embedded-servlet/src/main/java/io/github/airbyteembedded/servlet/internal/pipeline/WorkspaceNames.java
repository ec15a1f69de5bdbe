package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a workspace name follows, applied to the name a resolver gives before anything transforms
 * it (a pseudonym is made of the normalised name), so that two users never share a workspace because
 * their names differ only in ways a person cannot see:
 *
 * <ol>
 *   <li>Unicode NFC (composed form), so that {@code "é"} typed either way is one name;
 *   <li>leading and trailing spaces (Unicode space separators, such as U+0020 and U+00A0) removed;
 *   <li>with {@link AirbyteEmbeddedConfig#foldWorkspaceNameCase()}, case folded ({@link #foldCase});
 *   <li>then refused when empty, longer than {@value #MAX_LENGTH} characters (code points), or holding
 *       a control character (U+0000-001F, U+007F-009F), a format character (U+00AD, U+200B-200F,
 *       U+202A-202E, U+2060-2064, U+FEFF and the rest of category Cf), a line or paragraph separator
 *       (U+2028, U+2029), a lone surrogate, or an unassigned code point.
 * </ol>
 */
public final class WorkspaceNames {

    /** The longest workspace name, in code points, after normalisation. */
    public static final int MAX_LENGTH = 256;

    /** The rules without case folding: also what every name sent to Airbyte must already satisfy. */
    static final WorkspaceNames EXACT_CASE = new WorkspaceNames(false);

    private static final WorkspaceNames FOLDED_CASE = new WorkspaceNames(true);

    private final boolean foldCase;

    private WorkspaceNames(boolean foldCase) {
        this.foldCase = foldCase;
    }

    public static WorkspaceNames of(boolean foldCase) {
        return foldCase ? FOLDED_CASE : EXACT_CASE;
    }

    /**
     * Resolves the workspace name of a request: the resolver's name in normal form, or the pseudonym of
     * that normal form when the resolver pseudonymizes another one.
     *
     * @return the name; empty when the request has no user
     * @throws InvalidWorkspaceNameException when the resolver's name breaks the rules
     */
    Optional<String> resolve(WorkspaceResolver resolver, HttpServletRequest request) {
        if (resolver instanceof PseudonymousWorkspaceResolver pseudonymous) {
            return resolve(pseudonymous.delegate(), request).map(pseudonymous::pseudonym);
        }
        Optional<String> name = resolver.resolveWorkspaceName(request);
        return name == null ? Optional.empty() : name.map(this::require);
    }

    /** The name in normal form; throws when it breaks the rules. */
    String require(String name) {
        return normalize(name).orElseThrow(InvalidWorkspaceNameException::new);
    }

    /** The name in normal form, or empty when it breaks the rules. */
    Optional<String> normalize(String name) {
        boolean ascii = isAscii(name); // already NFC, and folded by lower-casing alone: the common case, made cheap
        String normal = strip(ascii ? name : Normalizer.normalize(name, Normalizer.Form.NFC));
        if (foldCase) {
            normal = ascii ? normal.toLowerCase(Locale.ROOT) : foldCase(normal);
        }
        if (normal.isEmpty() || normal.codePointCount(0, normal.length()) > MAX_LENGTH || hasRefused(normal)) {
            return Optional.empty();
        }
        return Optional.of(normal);
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasRefused(String name) {
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (isRefused(codePoint)) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    /** Whether a name is already in normal form without case folding: what may be sent to Airbyte. */
    public static boolean isNormal(String name) {
        return EXACT_CASE.normalize(name).filter(name::equals).isPresent();
    }

    /**
     * Folds case independently of the locale: lower case, upper case, lower case again, then NFC. The
     * round trip through upper case makes the forms that lower-casing alone keeps apart one name, such
     * as {@code "ß"}, {@code "ẞ"} and {@code "SS"} (all {@code "ss"}), or a final and a medial sigma.
     */
    static String foldCase(String name) {
        String folded = name.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && Character.getType(name.codePointAt(start)) == Character.SPACE_SEPARATOR) {
            start += Character.charCount(name.codePointAt(start));
        }
        while (end > start && Character.getType(name.codePointBefore(end)) == Character.SPACE_SEPARATOR) {
            end -= Character.charCount(name.codePointBefore(end));
        }
        return name.substring(start, end);
    }

    private static boolean isRefused(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /** A resolver's workspace name that breaks the rules; its message never holds the name. */
    public static final class InvalidWorkspaceNameException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public InvalidWorkspaceNameException() {
            super("the workspace name is empty, longer than " + MAX_LENGTH
                    + " characters, or has control, format or unassigned characters");
        }
    }
}
