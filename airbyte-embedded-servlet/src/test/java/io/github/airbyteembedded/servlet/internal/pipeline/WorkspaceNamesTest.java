package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class WorkspaceNamesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final WorkspaceNames EXACT = WorkspaceNames.of(false);
    private static final WorkspaceNames FOLDED = WorkspaceNames.of(true);

    private static HttpServletRequest requestFor(String user) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Principal principal = () -> user;
        when(request.getUserPrincipal()).thenReturn(principal);
        return request;
    }

    @Test
    void composedAndDecomposedFormsAreOneName() {
        assertEquals(Optional.of("Jos\u00e9"), EXACT.normalize("Jose\u0301"));
        assertEquals(EXACT.normalize("Jos\u00e9"), EXACT.normalize("Jose\u0301"));
    }

    @Test
    void leadingAndTrailingSpacesAreRemovedButInnerOnesKept() {
        assertEquals(Optional.of("alice smith"), EXACT.normalize("  alice smith\u00a0"));
        assertEquals(Optional.of("alice"), EXACT.normalize("\u3000alice\u2003"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u00a0\u00a0", "a\u0000b", "alice\n", "\talice", "a\u007fb", "a\u0085b", "al\u200bice",
        "alice\ufeff", "a\u202eb", "a\u2028b", "a\u2029b", "a\u00adb", "a\u2060b", "a\ud800b", "a\uffffb"})
    void emptyControlFormSeparatorSurrogateAndUnassignedCharactersAreRefused(String name) {
        assertEquals(Optional.empty(), EXACT.normalize(name));
        assertEquals(Optional.empty(), FOLDED.normalize(name));
    }

    @Test
    void namesAreAtMost256CodePoints() {
        assertTrue(EXACT.normalize("x".repeat(256)).isPresent());
        assertEquals(Optional.empty(), EXACT.normalize("x".repeat(257)));
        assertTrue(EXACT.normalize("\ud83d\ude00".repeat(256)).isPresent(), "256 emoji are 512 chars but 256 code points");
        assertEquals(Optional.empty(), EXACT.normalize("x".repeat(5000)));
    }

    @Test
    void caseIsKeptUnlessFolded() {
        assertEquals(Optional.of("Alice"), EXACT.normalize("Alice"));
        assertEquals(Optional.of("alice"), FOLDED.normalize("Alice"));
        assertEquals(FOLDED.normalize("ALICE"), FOLDED.normalize("alice"));
    }

    @Test
    void foldingMakesTheUnicodeCaseVariantsOfANameOne() {
        assertEquals(FOLDED.normalize("STRASSE"), FOLDED.normalize("stra\u00dfe"));
        assertEquals(FOLDED.normalize("STRA\u1e9eE"), FOLDED.normalize("stra\u00dfe"));
        assertEquals(FOLDED.normalize("\u039f\u0394\u039f\u03a3"), FOLDED.normalize("\u03bf\u03b4\u03bf\u03c2"));
        assertEquals(FOLDED.normalize("\u00c9MILE"), FOLDED.normalize("E\u0301mile"));
        assertEquals(FOLDED.normalize("TITLE"), FOLDED.normalize("title"), "independent of the default locale");
    }

    @Test
    void foldingIsIdempotentForEveryAssignedCharacter() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (!Character.isDefined(codePoint) || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                continue;
            }
            String once = WorkspaceNames.foldCase(Character.toString(codePoint));
            String hex = Integer.toHexString(codePoint);
            assertEquals(once, WorkspaceNames.foldCase(once), () -> "U+" + hex);
        }
    }

    @Test
    void normalFormIsWhatTheRulesGive() {
        assertTrue(WorkspaceNames.isNormal("alice"));
        assertTrue(WorkspaceNames.isNormal("Alice"), "case is kept without folding");
        assertFalse(WorkspaceNames.isNormal(" alice"));
        assertFalse(WorkspaceNames.isNormal("Jose\u0301"));
        assertFalse(WorkspaceNames.isNormal(""));
    }

    @Test
    void aPseudonymIsMadeOfTheNormalisedNameSoInvisibleDifferencesShareNoWorkspaceByAccident() {
        WorkspaceResolver resolver = WorkspaceResolver.pseudonymous(KEY, "p-");
        String pseudonym = EXACT.resolve(resolver, requestFor("Jos\u00e9")).orElseThrow();
        assertEquals(pseudonym, EXACT.resolve(resolver, requestFor(" Jose\u0301 ")).orElseThrow());
        assertNotEquals(pseudonym, EXACT.resolve(resolver, requestFor("jos\u00e9")).orElseThrow());
        assertEquals(FOLDED.resolve(resolver, requestFor("jos\u00e9")), FOLDED.resolve(resolver, requestFor("JOSE\u0301")));
        assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class, () -> EXACT.resolve(resolver, requestFor("")));
        assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class, () -> resolver.resolveWorkspaceName(requestFor("a\u0000")));
    }

    @Test
    void theSameRulesApplyWithAndWithoutPseudonyms() {
        WorkspaceResolver plain = WorkspaceResolver.principalName();
        WorkspaceResolver pseudonymous = plain.pseudonymized(KEY, "");
        for (String name : new String[] {"", "x".repeat(257), "a\u200bb", "a\nb"}) {
            assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class, () -> EXACT.resolve(plain, requestFor(name)));
            assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class, () -> EXACT.resolve(pseudonymous, requestFor(name)));
        }
        assertEquals(Optional.of("alice"), EXACT.resolve(plain, requestFor(" alice ")));
    }

    @Test
    void theRefusalNeverCarriesTheName() {
        WorkspaceNames.InvalidWorkspaceNameException e = assertThrows(WorkspaceNames.InvalidWorkspaceNameException.class,
                () -> EXACT.require("secret-name\u0000"));
        assertFalse(e.getMessage().contains("secret-name"));
    }

    @Test
    void aPseudonymPrefixMustBeInNormalForm() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(KEY, " acme-"));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(KEY, "ac\u200bme-"));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(KEY, "Jose\u0301-"));
        assertTrue(WorkspaceResolver.pseudonymous(KEY, "acme ").toString().contains("acme "));
    }
}
