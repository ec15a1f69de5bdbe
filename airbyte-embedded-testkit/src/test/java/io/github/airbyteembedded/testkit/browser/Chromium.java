package io.github.airbyteembedded.testkit.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the system's Chromium (Debian's {@code chromium} package) for browser tests; never downloads one.
 *
 * <p>Looked up in order: the system property {@code chromium.path}, the environment variable
 * {@code CHROMIUM_PATH}, then {@code chromium} and {@code chromium-browser} on the {@code PATH}, then
 * {@code /usr/bin/chromium}. Install it with {@code apt-get install -y chromium}.
 *
 * <pre>{@code
 * Path chromium = Chromium.locate().orElseThrow();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Chromium {

    private Chromium() {
    }

    /**
     * The Chromium executable, if one is installed.
     *
     * @return the path of an executable Chromium, or empty
     */
    public static Optional<Path> locate() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("chromium.path")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("CHROMIUM_PATH")).ifPresent(candidates::add);
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String directory : pathVariable.split(File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    candidates.add(Path.of(directory, name).toString());
                }
            }
        }
        candidates.add("/usr/bin/chromium");
        return candidates.stream()
                .map(Path::of)
                .filter(Files::isRegularFile)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Whether a missing browser must fail the test rather than skip it: true when the environment
     * variable {@code CI} is {@code true}.
     *
     * @return true on CI
     */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
