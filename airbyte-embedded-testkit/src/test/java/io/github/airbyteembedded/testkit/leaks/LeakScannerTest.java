package io.github.airbyteembedded.testkit.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The leak scanner finds what the emulator issued wherever it is printed, names it without showing it,
 * and names the test that printed it.
 */
final class LeakScannerTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLWFsaWNl";
    private static final String OTHER_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlLW9mLWJvYg";

    @Test
    void findsEveryWholeValueAmongValuesThatShareTheirStart() {
        LeakScanner scanner = LeakScanner.of(List.of(JWT, OTHER_JWT, "emulator-client-secret"));

        List<LeakScanner.Leak> leaks = scanner.scan("Authorization: Bearer " + JWT + "\n{\"client_secret\":\"emulator-client-secret\"}"
                + " and " + OTHER_JWT + "x");

        assertEquals(3, leaks.size(), leaks.toString());
        assertEquals(22, leaks.stream().filter(leak -> leak.fingerprint().startsWith("a JWT")).findFirst().orElseThrow().index());
    }

    @Test
    void aPartOfAValueOrAnUnissuedOneIsNoHit() {
        LeakScanner scanner = LeakScanner.of(List.of(JWT));

        assertTrue(scanner.scan(JWT.substring(0, JWT.length() - 1)).isEmpty());
        assertTrue(scanner.scan(OTHER_JWT).isEmpty());
        assertTrue(scanner.scan("").isEmpty());
    }

    @Test
    void valuesTooShortToTellFromWordsAreNotLookedFor() {
        LeakScanner scanner = LeakScanner.of(List.of("secret", JWT));

        assertEquals(1, scanner.size());
        assertTrue(scanner.scan("the secret is safe").isEmpty());
    }

    @Test
    void theFingerprintNamesAValueWithoutShowingIt() {
        String fingerprint = LeakScanner.fingerprint(JWT);

        assertTrue(fingerprint.startsWith("a JWT of " + JWT.length() + " characters (sha-256 "), fingerprint);
        assertFalse(fingerprint.contains(JWT.substring(0, 12)));
        assertFalse(LeakScanner.fingerprint(JWT).equals(LeakScanner.fingerprint(OTHER_JWT)));
    }

    /**
     * The whole chain, with a token planted on purpose: the emulator records what it issues, a log line
     * of the library's loggers is captured with the running test, the scan finds the token and names
     * this test. The planted hit is then forgotten, so that the run's own scan is not failed by it.
     */
    @Test
    void aTokenPlantedInALogLineIsFoundAndNamesTheTest() throws Exception {
        assertTrue(CapturedOutput.isCapturing(), "the LeakScanListener captures every test run (META-INF/services)");
        LeakScan.scanPending(); // what came before is the run's to judge, not this test's
        String token;
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            token = operatorToken(emulator.baseUri());
            assertTrue(emulator.issuedSecrets().contains(token), "the emulator exposes what it issued");
            assertTrue(emulator.issuedSecrets().contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET));
        }
        assertTrue(AirbyteEmulator.issuedSecretsOfThisJvm().contains(token), "and the JVM remembers it after close()");

        System.getLogger("io.github.airbyteembedded.planted").log(Level.DEBUG, "Calling Airbyte with Bearer {0}", token);
        CapturedOutput.add("error body", "{\"error\":\"upstream_error\",\"detail\":\"" + token + "\"}");
        System.out.println("a console line the scan sees too");
        List<CapturedOutput.Chunk> captured = CapturedOutput.drain();
        List<LeakScan.Hit> found = LeakScan.scan(captured);
        LeakScan.forget(found);

        assertFalse(found.isEmpty());
        for (LeakScan.Hit hit : found) {
            assertEquals("LeakScannerTest.aTokenPlantedInALogLineIsFoundAndNamesTheTest", hit.test());
            assertEquals(LeakScanner.fingerprint(token), hit.fingerprint());
        }
        assertEquals(Set.of("log FINE io.github.airbyteembedded.planted", "error body"),
                Set.copyOf(found.stream().map(LeakScan.Hit::source).toList()));
        assertFalse(LeakScan.message(found).contains(token), "the report never shows the token");
        assertTrue(captured.stream().anyMatch(chunk -> chunk.source().equals("console")
                && chunk.text().contains("a console line the scan sees too")), "the console is captured");
    }

    private static String operatorToken(URI baseUri) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(baseUri + "/api/v1/account/applications/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + AirbyteEmulator.DEFAULT_CLIENT_ID
                        + "\",\"client_secret\":\"" + AirbyteEmulator.DEFAULT_CLIENT_SECRET + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertTrue(token.find(), "an operator token");
        return token.group(1);
    }
}
