package io.github.airbyteembedded.testkit;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one emulator handed out that must never be printed by the code under test: the client secret
 * it accepts and every token it issued (operator tokens, widget tokens and the scoped JWTs inside
 * them, scoped tokens). Tokens are recorded only when the JVM was started with {@value
 * AirbyteEmulator#RECORD_ISSUED_SECRETS} {@code =true} (the test suites' leak scanner sets it), so that an
 * emulator serving a long run (a benchmark, an application in development) keeps nothing; each recorded
 * value also goes to one set for the whole JVM, which outlives the emulators of a test run.
 */
final class IssuedSecrets {

    private static final Set<String> EVERY_EMULATOR = ConcurrentHashMap.newKeySet();

    private final String clientSecret;
    private final boolean recording = Boolean.getBoolean(AirbyteEmulator.RECORD_ISSUED_SECRETS);
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    IssuedSecrets(String clientSecret) {
        this.clientSecret = clientSecret;
        if (recording) {
            EVERY_EMULATOR.add(clientSecret);
        }
    }

    /** Whether this emulator records what it issues. */
    boolean recording() {
        return recording;
    }

    /** Notes a value just handed out, when recording. */
    void record(String value) {
        if (recording) {
            issued.add(value);
            EVERY_EMULATOR.add(value);
        }
    }

    /** The client secret and what was recorded, as an unmodifiable snapshot. */
    Set<String> snapshot() {
        Set<String> all = new HashSet<>(issued);
        all.add(clientSecret);
        return Set.copyOf(all);
    }

    /** What every emulator of this JVM recorded, as an unmodifiable snapshot. */
    static Set<String> everyEmulator() {
        return Set.copyOf(EVERY_EMULATOR);
    }
}
