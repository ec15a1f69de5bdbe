package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTest {

    private static Request withQuery(String rawQuery) {
        return new Request("GET", "/api/v1/integrations/connectors", rawQuery, Map.of(), new byte[0]);
    }

    @Test
    void decodesTheQueryAsAFormDoes() {
        Request request = withQuery("workspace_name=alice%20smith&tag=a+b&tag=c&flag");

        assertEquals(Optional.of("alice smith"), request.queryParameter("workspace_name"));
        assertEquals(List.of("a b", "c"), request.queryParameters("tag"));
        assertEquals(Optional.of(""), request.queryParameter("flag"));
    }

    @Test
    void keepsAMalformedPercentEscapeAsItIsInsteadOfFailingTheRequest() {
        // Found by EmulatorRequestFuzzTest: URLDecoder threw, and the emulator answered 500.
        Request request = withQuery("workspace_name=%zz&trailing=%&half=a%2");

        assertEquals(Optional.of("%zz"), request.queryParameter("workspace_name"));
        assertEquals(Optional.of("%"), request.queryParameter("trailing"));
        assertEquals(Optional.of("a%2"), request.queryParameter("half"));
    }
}
