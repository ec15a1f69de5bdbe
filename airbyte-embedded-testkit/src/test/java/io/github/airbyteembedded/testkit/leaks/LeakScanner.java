package io.github.airbyteembedded.testkit.leaks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds secrets in text: which of a set of values (a client secret, tokens) occur whole in it. Values
 * are grouped by their first characters, which many share (every JWT starts alike), so one scan looks
 * for a handful of prefixes with {@link String#indexOf} and checks each occurrence against the values
 * of that prefix by length; the cost hardly grows with the number of values.
 *
 * <p>Reports never show a value: a {@link Leak} names it by {@link #fingerprint(String) fingerprint}.
 *
 * @since 0.2.0
 */
public final class LeakScanner {

    /** Values shorter than this are not looked for: they would match ordinary words. */
    public static final int MIN_LENGTH = 8;

    private static final int PREFIX_LENGTH = 12;

    /** A value found in a text, named without showing it, and where. */
    public record Leak(String fingerprint, int index) {
    }

    /** Prefix, then value length, then the values. */
    private final Map<String, Map<Integer, Set<String>>> byPrefix = new HashMap<>();
    private final int size;

    private LeakScanner(Collection<String> values) {
        int count = 0;
        for (String value : new LinkedHashSet<>(values)) {
            if (value == null || value.length() < MIN_LENGTH) {
                continue;
            }
            String prefix = value.substring(0, Math.min(PREFIX_LENGTH, value.length()));
            byPrefix.computeIfAbsent(prefix, key -> new TreeMap<>())
                    .computeIfAbsent(value.length(), key -> new HashSet<>())
                    .add(value);
            count++;
        }
        this.size = count;
    }

    /**
     * A scanner for these values; those shorter than {@link #MIN_LENGTH} are left out.
     *
     * @param values the secrets to look for
     * @return the scanner
     */
    public static LeakScanner of(Collection<String> values) {
        return new LeakScanner(values);
    }

    /** @return how many values the scanner looks for */
    public int size() {
        return size;
    }

    /**
     * Every occurrence of a value in the text.
     *
     * @param text the text to search
     * @return the leaks, in the order of the prefixes and then of their place in the text
     */
    public List<Leak> scan(String text) {
        List<Leak> leaks = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Set<String>>> group : byPrefix.entrySet()) {
            String prefix = group.getKey();
            for (int at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
                for (Map.Entry<Integer, Set<String>> sameLength : group.getValue().entrySet()) {
                    int end = at + sameLength.getKey();
                    if (end > text.length()) {
                        break; // lengths ascend
                    }
                    String candidate = text.substring(at, end);
                    if (sameLength.getValue().contains(candidate)) {
                        leaks.add(new Leak(fingerprint(candidate), at));
                    }
                }
            }
        }
        return leaks;
    }

    /**
     * Names a secret without showing it: its shape, its length and the start of its SHA-256.
     *
     * @param value the secret
     * @return for example {@code "a JWT of 612 characters (sha-256 1a2b3c4d)"}
     */
    public static String fingerprint(String value) {
        String shape = value.startsWith("eyJ") && value.chars().filter(c -> c == '.').count() == 2 ? "a JWT"
                : value.matches("[A-Za-z0-9+/]+={0,2}") && value.length() > 64 ? "a base64 token"
                : "a secret";
        return shape + " of " + value.length() + " characters (sha-256 " + sha256(value).substring(0, 8) + ")";
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
