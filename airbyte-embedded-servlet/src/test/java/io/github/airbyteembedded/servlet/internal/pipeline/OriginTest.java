package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

final class OriginTest {

    @ParameterizedTest
    @CsvSource({
        "https://app.example.com, https://app.example.com",
        "HTTPS://App.Example.COM, https://app.example.com",
        "https://app.example.com:443, https://app.example.com",
        "http://localhost:80, http://localhost",
        "http://localhost:8080, http://localhost:8080",
        "https://app.example.com:8443, https://app.example.com:8443",
        "http://127.0.0.1:3000, http://127.0.0.1:3000",
        "http://[::1]:3000, http://[::1]:3000",
    })
    void headerIsNormalisedToTheBrowserSerialization(String header, String serialized) {
        assertEquals(serialized, Origin.parseHeader(header).orElseThrow().serialized());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "null", "NULL",
        "https://app.example.com/",
        "https://app.example.com/path",
        "https://app.example.com?x=1",
        "https://app.example.com#x",
        "https://user@app.example.com",
        "https://user:pw@app.example.com",
        "https://app.example.com:",
        "app.example.com",
        "//app.example.com",
        "ftp://app.example.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://app.example.com https://other.example.com",
        "https://",
        " https://app.example.com",
        "http://localhost:65536",
        "http://localhost:99999",
        "https://app.example.com:4294967739",
    })
    void headerThatNoBrowserSendsForAPageIsRefused(String header) {
        assertEquals(Optional.empty(), Origin.parseHeader(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://app.example.com.evil.example",
        "https://evil.example",
        "https://sub.app.example.com",
        "http://app.example.com",
        "https://app.example.com:444",
        "https://app.example.co",
        "https://app.example.com.",
    })
    void originsThatMerelyResembleAnAllowedOneAreDifferentOrigins(String header) {
        Origin allowed = Origin.parseConfigured("https://app.example.com");
        assertTrue(Origin.parseHeader(header).filter(allowed::equals).isEmpty(), header);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://app.example.com/|path or a trailing slash",
        "https://*.example.com|wildcard",
        "null|never be allowed",
        "app.example.com|must start with https:// or http://",
        "https://app.example.com/x|path",
        "https://u@app.example.com|user info",
        "https://app.example.com?q|query or fragment",
        "http://localhost:99999|port above 65535",
    })
    void configuredOriginExplainsWhatIsWrong(String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origin.parseConfigured(value));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {" https://app.example.com ", "HTTPS://APP.EXAMPLE.COM:443"})
    void configuredOriginIsTrimmedAndNormalised(String value) {
        assertEquals("https://app.example.com", Origin.parseConfigured(value).serialized());
    }
}
