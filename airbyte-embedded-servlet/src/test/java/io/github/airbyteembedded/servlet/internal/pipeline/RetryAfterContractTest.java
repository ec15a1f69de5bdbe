package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Retry-After contract of the error responses: every 503 and 429 carries {@code Retry-After}, and
 * no other status does (502 and 504 included), whatever the code that answers passes.
 */
final class RetryAfterContractTest {

    private static HttpServletResponse response() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(new StringWriter()));
        return response;
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void onlyA503OrA429CarriesRetryAfter(ErrorCode code) throws Exception {
        boolean carries = code.httpStatus() == 503 || code.httpStatus() == 429;
        assertEquals(carries, JsonResponses.carriesRetryAfter(code), code.code());

        HttpServletResponse given = response();
        JsonResponses.error(given, code, Duration.ofSeconds(3));
        HttpServletResponse none = response();
        JsonResponses.error(none, code, null);

        if (carries) {
            verify(given).setHeader("Retry-After", "3");
            verify(none).setHeader(eq("Retry-After"), eq(Long.toString(AirbyteApiClient.DEFAULT_RETRY_AFTER.toSeconds())));
        } else {
            verify(given, never()).setHeader(eq("Retry-After"), org.mockito.ArgumentMatchers.anyString());
            verify(none, never()).setHeader(eq("Retry-After"), org.mockito.ArgumentMatchers.anyString());
        }
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() throws Exception {
        HttpServletResponse response = response();
        JsonResponses.error(response, ErrorCode.UPSTREAM_UNAVAILABLE, Duration.ofMillis(1500));
        verify(response).setHeader("Retry-After", "2");
        HttpServletResponse zero = response();
        JsonResponses.error(zero, ErrorCode.UPSTREAM_UNAVAILABLE, Duration.ZERO);
        verify(zero).setHeader("Retry-After", "1");
    }
}
