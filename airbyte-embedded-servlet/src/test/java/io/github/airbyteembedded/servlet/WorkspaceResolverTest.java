package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class WorkspaceResolverTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static HttpServletRequest requestFor(String user) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Principal principal = user == null ? null : () -> user;
        when(request.getUserPrincipal()).thenReturn(principal);
        return request;
    }

    @Test
    void principalNameIsTheDefaultWorkspaceName() {
        assertEquals(Optional.of("alice"), WorkspaceResolver.principalName().resolveWorkspaceName(requestFor("alice")));
        assertEquals(Optional.empty(), WorkspaceResolver.principalName().resolveWorkspaceName(requestFor(null)));
    }

    @Test
    void requestAttributeResolverReadsOnlyTextAttributes() {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute("tenant")).thenReturn("acme");
        when(request.getAttribute("number")).thenReturn(42);
        assertEquals(Optional.of("acme"), WorkspaceResolver.requestAttribute("tenant").resolveWorkspaceName(request));
        assertEquals(Optional.empty(), WorkspaceResolver.requestAttribute("number").resolveWorkspaceName(request));
        assertEquals(Optional.empty(), WorkspaceResolver.requestAttribute("missing").resolveWorkspaceName(request));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.requestAttribute(" "));
    }

    @Test
    void pseudonymIsStablePrefixedAndHidesTheName() {
        WorkspaceResolver resolver = WorkspaceResolver.pseudonymous(KEY, "acme-");
        String first = resolver.resolveWorkspaceName(requestFor("alice@example.com")).orElseThrow();
        assertEquals(first, resolver.resolveWorkspaceName(requestFor("alice@example.com")).orElseThrow());
        assertTrue(first.matches("acme-[0-9a-f]{32}"), first);
        assertFalse(first.contains("alice"));
        assertNotEquals(first, resolver.resolveWorkspaceName(requestFor("bob@example.com")).orElseThrow());
    }

    @Test
    void pseudonymDependsOnTheKey() {
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertNotEquals(WorkspaceResolver.pseudonymous(KEY, "").resolveWorkspaceName(requestFor("alice")),
                WorkspaceResolver.pseudonymous(otherKey, "").resolveWorkspaceName(requestFor("alice")));
    }

    @Test
    void pseudonymMatchesHmacSha256() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("alice".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertEquals(Optional.of(expected), WorkspaceResolver.pseudonymous(KEY, "").resolveWorkspaceName(requestFor("alice")));
    }

    @Test
    void noPrincipalStaysUnauthenticated() {
        assertEquals(Optional.empty(), WorkspaceResolver.pseudonymous(KEY, "x-").resolveWorkspaceName(requestFor(null)));
    }

    @Test
    void shortKeyAndBadPrefixAreRefusedAndTheKeyIsNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(new byte[31], ""));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(KEY, "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceResolver.pseudonymous(KEY, "p".repeat(65)));
        String text = WorkspaceResolver.pseudonymous(KEY, "acme-").toString();
        assertFalse(text.contains(new String(KEY, StandardCharsets.UTF_8)), text);
        assertTrue(text.contains("[redacted]"), text);
    }

    @Test
    void keyIsCopiedSoLaterChangesToTheArrayDoNotMoveUsers() {
        byte[] key = KEY.clone();
        WorkspaceResolver resolver = WorkspaceResolver.pseudonymous(key, "");
        String before = resolver.resolveWorkspaceName(requestFor("alice")).orElseThrow();
        key[0] ^= 1;
        assertEquals(before, resolver.resolveWorkspaceName(requestFor("alice")).orElseThrow());
    }

    @Test
    void pseudonymsAreNeverMadeOfEmptyOverLongOrControlCharacterNames() {
        AirbyteEmbedded airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder().clientId("id").clientSecret("secret")
                .allowedOrigin("https://app.example.com").workspaceResolver(WorkspaceResolver.pseudonymous(KEY, "p-")).build());
        for (String name : new String[] {"", " ", "x".repeat(5000), "a\u0000b", "line\nbreak"}) {
            assertEquals(Optional.empty(), airbyte.workspaceName(requestFor(name)), "name of length " + name.length());
        }
        assertTrue(airbyte.workspaceName(requestFor("alice")).orElseThrow().startsWith("p-"));
    }
}
