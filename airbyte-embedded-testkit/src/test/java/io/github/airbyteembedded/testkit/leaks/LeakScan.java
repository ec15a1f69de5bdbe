package io.github.airbyteembedded.testkit.leaks;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leak scan of one test run: what {@link CapturedOutput} captured, searched for what the emulators
 * of the JVM issued ({@link AirbyteEmulator#issuedSecretsOfThisJvm()}) and those of other processes
 * reported ({@link CapturedOutput#lookFor}), piece by piece as the run goes
 * (a token can only be printed after it was issued, so each piece is searched for the values issued
 * by the time it is scanned), with the totals for the run's report.
 */
final class LeakScan {

    /** A secret found in a piece of output. */
    record Hit(String test, String source, String fingerprint) {
        @Override
        public String toString() {
            return fingerprint + " in " + source + " during " + test;
        }
    }

    private static final Object LOCK = new Object();
    private static final List<Hit> HITS = new ArrayList<>();
    private static LeakScanner scanner = LeakScanner.of(Set.of());
    private static int scannerValues = -1;
    private static long charsScanned;
    private static long nanosScanning;

    private LeakScan() {
    }

    /**
     * Scans what was captured since the last scan.
     *
     * @return the secrets found in it
     */
    static List<Hit> scanPending() {
        return scan(CapturedOutput.drain());
    }

    /** Scans pieces of output (and counts them in the run's totals). */
    static List<Hit> scan(List<CapturedOutput.Chunk> chunks) {
        synchronized (LOCK) {
            long started = System.nanoTime();
            Set<String> values = new HashSet<>(AirbyteEmulator.issuedSecretsOfThisJvm());
            values.addAll(CapturedOutput.issuedElsewhere());
            if (values.size() != scannerValues) {
                scanner = LeakScanner.of(values);
                scannerValues = values.size();
            }
            List<Hit> found = new ArrayList<>();
            for (CapturedOutput.Chunk chunk : chunks) {
                for (LeakScanner.Leak leak : scanner.scan(chunk.text())) {
                    found.add(new Hit(chunk.test(), chunk.source(), leak.fingerprint()));
                }
                charsScanned += chunk.text().length();
            }
            HITS.addAll(found);
            nanosScanning += System.nanoTime() - started;
            return found;
        }
    }

    /** Forgets hits that a test planted on purpose and found (the scanner's own test). */
    static void forget(List<Hit> planted) {
        synchronized (LOCK) {
            HITS.removeAll(planted);
        }
    }

    /** The run's totals, one line. */
    static String summary() {
        synchronized (LOCK) {
            return String.format("Leak scan: %d hit(s); %d secret(s) issued by the emulators looked for in %,d characters of "
                    + "logs, console output, error bodies and failures; %d ms scanning", HITS.size(), scannerValues < 0 ? 0
                    : scannerValues, charsScanned, nanosScanning / 1_000_000);
        }
    }

    static List<Hit> hits() {
        synchronized (LOCK) {
            return List.copyOf(HITS);
        }
    }

    /** The failure message for hits: each secret named by fingerprint, with where and when it was printed. */
    static String message(List<Hit> hits) {
        StringBuilder message = new StringBuilder("The leak scanner found secrets issued by the emulator ").append(hits.size())
                .append(" time(s) in what the tests captured:");
        hits.stream().distinct().forEach(hit -> message.append("\n  ").append(hit));
        return message.toString();
    }
}
