package io.github.airbyteembedded.servlet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

class CspNonceTest {

    @Test
    void isGeneratedOncePerRequestAndDiffersBetweenRequests() {
        HttpServletRequest first = FakeHttp.request("", FakeHttp.context(null));
        HttpServletRequest second = FakeHttp.request("", FakeHttp.context(null));

        String nonce = CspNonce.of(first);

        assertEquals(nonce, CspNonce.of(first));
        assertEquals(nonce, first.getAttribute(CspNonce.REQUEST_ATTRIBUTE));
        assertEquals(22, nonce.length());
        assertTrue(nonce.matches("[A-Za-z0-9+/]{22}"), nonce);
        assertNotEquals(nonce, CspNonce.of(second));
    }

    @Test
    void usesTheApplicationsOwnNonce() {
        HttpServletRequest request = FakeHttp.request("", FakeHttp.context(null));
        CspNonce.use(request, "AppMadeNonce_1234567890");
        assertEquals("AppMadeNonce_1234567890", CspNonce.of(request));
    }

    @Test
    void refusesANonceThatIsShortOrNotBase64() {
        HttpServletRequest request = FakeHttp.request("", FakeHttp.context(null));
        assertThrows(IllegalArgumentException.class, () -> CspNonce.use(request, "short"));
        assertThrows(IllegalArgumentException.class, () -> CspNonce.use(request, "\"><script>alert(1)</script>"));
    }
}
