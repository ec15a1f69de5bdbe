package io.github.airbyteembedded.servlet.page;

import jakarta.servlet.ServletRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy nonce of one request: generated once, on first use, and kept in a
 * request attribute, so that the widget's tags, the CSP header and the application's own inline
 * scripts all carry the same value.
 *
 * <pre>{@code
 * String nonce = CspNonce.of(request);        // 22 characters of base64 from 128 random bits
 * out.println("<script nonce=\"" + nonce + "\">...</script>");
 * }</pre>
 *
 * <p>An application that already makes a nonce per request (in its own CSP filter) hands it over with
 * {@link #use(ServletRequest, String)} before the page renders, and the widget's tags use it.
 *
 * @since 0.1.0
 */
public final class CspNonce {

    /** The request attribute that holds the nonce: {@value}. */
    public static final String REQUEST_ATTRIBUTE = "io.github.airbyteembedded.servlet.page.CspNonce";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9+/_-]{16,256}={0,2}");

    private CspNonce() {
    }

    /**
     * Returns the request's nonce, generating it (128 bits from {@link SecureRandom}) on first use.
     *
     * @param request the request
     * @return the nonce, base64 without padding
     */
    public static String of(ServletRequest request) {
        Objects.requireNonNull(request, "request");
        Object existing = request.getAttribute(REQUEST_ATTRIBUTE);
        if (existing instanceof String nonce) {
            return nonce;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        request.setAttribute(REQUEST_ATTRIBUTE, nonce);
        return nonce;
    }

    /**
     * Makes the widget's tags use a nonce the application generated itself.
     *
     * @param request the request
     * @param nonce the nonce, base64 or base64url of at least 16 characters
     * @throws IllegalArgumentException if the nonce is not base64 or too short to be unguessable
     */
    public static void use(ServletRequest request, String nonce) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(nonce, "nonce");
        if (!VALID.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a CSP nonce must be base64 of at least 16 characters");
        }
        request.setAttribute(REQUEST_ATTRIBUTE, nonce);
    }
}
