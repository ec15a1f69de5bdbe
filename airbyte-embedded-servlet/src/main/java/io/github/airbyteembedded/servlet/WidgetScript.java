package io.github.airbyteembedded.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.airbyteembedded.servlet.internal.settings.Checks;
import io.github.airbyteembedded.servlet.internal.settings.EmulatorInfo;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which widget script pages load, pinned: the exact widget version in the URL, the explicit {@code
 * /dist/airbyte-embedded-widget.iife.js} file (never the CDN's auto-minified default file, whose bytes
 * are not stable), and a Subresource Integrity hash. A setting of {@link AirbyteEmbeddedConfig}; the page
 * side renders it as a {@code <script>} element with {@code crossorigin="anonymous"} and the request's
 * CSP nonce ({@link io.github.airbyteembedded.servlet.page.WidgetPage#widgetScript()}).
 *
 * <pre>{@code
 * WidgetScript script = WidgetScript.builder()
 *         .version("0.4.5")                                   // exact; "^0.4" or "latest" is refused
 *         .integrity("sha384-...")                            // see docs/page-side.md, "The SRI hash"
 *         .build();
 * AirbyteEmbeddedConfig.builder().widgetScript(script)...
 * // <script src="https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js"
 * //   integrity="sha384-..." crossorigin="anonymous" nonce="..." defer="" data-airbyte-widget-script="0.4.5"></script>
 * }</pre>
 *
 * <p>The CDN base is jsDelivr unless configured: the emulator ({@code http://127.0.0.1:<port>/npm}) or
 * a self-hosted copy (a path starting with {@code /}, relative to the context path, under which the
 * file sits at the CDN's layout, {@code @airbyte-embedded/airbyte-embedded-widget@<version>/dist/...}).
 *
 * <p>The integrity hash is configured ({@link Builder#integrity(String)}), or computed once at startup
 * from the script's bytes: bytes the application supplies ({@link Builder#integrityOf(byte[])},
 * {@link Builder#integrityOf(Path)}), or {@link Builder#computeIntegrity()}, which fetches the script
 * once when it is served on a loopback address (the emulator), or reads a self-hosted copy from the
 * web application ({@link #resolvedWith(ServletContext)}). It is never computed from what a remote CDN
 * serves: pinning whatever the CDN answers today would defeat the purpose of the hash. With the CDN and
 * no hash, the script is rendered without {@code integrity} and the filter logs one warning at startup
 * that says how to get the hash.
 *
 * <p>The widget injects a {@code <style>} element without a nonce; {@link #styleSource()} is the CSP
 * source that allows it: the hash of that exact text for the version in use, or {@code
 * 'unsafe-inline'}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class WidgetScript {

    /** The widget version used unless configured: {@value}. */
    public static final String DEFAULT_VERSION = "0.4.5";

    /** The CDN base used unless configured: jsDelivr's npm endpoint, {@value}. */
    public static final String DEFAULT_CDN_BASE = "https://cdn.jsdelivr.net/npm";

    /** The npm package of the widget: {@value}. */
    public static final String PACKAGE_NAME = "@airbyte-embedded/airbyte-embedded-widget";

    /** The widget file inside the package, the only one whose bytes SRI can pin: {@value}. */
    public static final String FILE = "dist/airbyte-embedded-widget.iife.js";

    /**
     * The CSP hash of the {@code <style>} text the vendor's widget 0.4.5 injects, computed from the
     * widget's TypeScript source (commit c2f83d5) and <em>not verified</em> against the published
     * bundle: {@value}. It is the default style source for version 0.4.5; if the browser reports a
     * blocked inline style, replace it with the hash the browser's console prints ({@link
     * Builder#styleHash(String)}).
     */
    public static final String VENDOR_0_4_5_STYLE_HASH = "sha256-VpEWfGtOEmPgoAoqpkdlk6P6fyUzEraFxLLBWgaLp1A=";

    private static final Pattern EXACT_VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?");
    private static final Pattern HASH = Pattern.compile("sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}");
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(WidgetScript.class.getName());

    /** How the integrity value was obtained. */
    enum IntegritySource {
        /** Nothing configured: rendered without integrity, with a startup warning. */
        NONE,
        /** Explicitly turned off: rendered without integrity, no warning. */
        DISABLED,
        /** Configured as a value. */
        CONFIGURED,
        /** Computed from the script's bytes. */
        COMPUTED,
        /** To be computed from the web application's copy at startup ({@link #resolvedWith}). */
        PENDING
    }

    private final String version;
    private final String cdnBase;
    private final boolean selfHosted;
    private final String integrity;
    private final IntegritySource integritySource;
    private final String styleSource;
    private final boolean styleSourceConfigured;

    private WidgetScript(String version, String cdnBase, String integrity, IntegritySource integritySource,
            String styleSource, boolean styleSourceConfigured) {
        this.version = version;
        this.cdnBase = cdnBase;
        this.selfHosted = cdnBase.startsWith("/");
        this.integrity = integrity;
        this.integritySource = integritySource;
        this.styleSource = styleSource;
        this.styleSourceConfigured = styleSourceConfigured;
    }

    /**
     * Returns a new builder: version {@value #DEFAULT_VERSION} from jsDelivr, no integrity.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default script: version {@value #DEFAULT_VERSION} from jsDelivr, without integrity
     * (the filter warns at startup).
     *
     * @return the default script
     */
    public static WidgetScript defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding this script's settings.
     *
     * @return a new builder initialised from this script
     */
    public Builder toBuilder() {
        Builder builder = new Builder().version(version).cdnBase(cdnBase);
        builder.integrity = integrity;
        builder.integritySource = integritySource == IntegritySource.COMPUTED ? IntegritySource.CONFIGURED : integritySource;
        if (styleSourceConfigured) {
            builder.styleHash(styleSource);
        }
        return builder;
    }

    /**
     * Returns the exact widget version in the URL.
     *
     * @return for example {@code 0.4.5}
     */
    public String version() {
        return version;
    }

    /**
     * Returns the CDN base: an absolute URL, or a path relative to the context path (self-hosted).
     *
     * @return the base, without a trailing slash
     */
    public String cdnBase() {
        return cdnBase;
    }

    /**
     * Returns whether the script is served by the application itself (the CDN base is a path).
     *
     * @return true for a self-hosted copy
     */
    public boolean selfHosted() {
        return selfHosted;
    }

    /**
     * Returns the script's URL.
     *
     * @param contextPath the request's context path ({@code ""} for the root context); used only for
     *     a self-hosted copy
     * @return the absolute URL, or for a self-hosted copy the path including the context path
     */
    public String scriptUrl(String contextPath) {
        Objects.requireNonNull(contextPath, "contextPath");
        String base = selfHosted ? contextPath + cdnBase : cdnBase;
        return base + "/" + PACKAGE_NAME + "@" + version + "/" + FILE;
    }

    /**
     * Returns the Subresource Integrity value, when one is known.
     *
     * @return {@code sha384-...} (possibly several hashes separated by spaces), or empty
     */
    public Optional<String> integrity() {
        return Optional.ofNullable(integrity);
    }

    /**
     * Returns whether a missing integrity value deserves the startup warning: nothing was configured,
     * and integrity was not explicitly turned off.
     *
     * @return true when the script would be rendered without integrity and nobody chose that
     */
    public boolean integrityMissing() {
        return integrity == null && integritySource != IntegritySource.DISABLED;
    }

    /**
     * Returns the CSP source that allows the {@code <style>} element the widget injects: {@code
     * 'sha256-...'} (quoted) or {@code 'unsafe-inline'}.
     *
     * @return the quoted CSP source expression
     */
    public String styleSource() {
        return styleSource;
    }

    /**
     * Returns whether {@link #styleSource()} is a fallback to {@code 'unsafe-inline'} because no hash is
     * known for this version (the filter warns at startup).
     *
     * @return true when the style source is an unchosen {@code 'unsafe-inline'}
     */
    public boolean styleHashMissing() {
        return !styleSourceConfigured && "'unsafe-inline'".equals(styleSource);
    }

    /**
     * Returns this script with its integrity computed from the web application's own copy, when it is
     * self-hosted and {@link Builder#computeIntegrity()} was asked for; otherwise returns this script.
     * The filter calls it once at startup.
     *
     * @param context the web application
     * @return a script with the computed integrity, or this one
     * @throws AirbyteEmbeddedConfigException if the self-hosted file is not a resource of the web
     *     application
     */
    public WidgetScript resolvedWith(ServletContext context) {
        Objects.requireNonNull(context, "context");
        if (integritySource != IntegritySource.PENDING) {
            return this;
        }
        String path = scriptUrl("");
        try (InputStream in = context.getResourceAsStream(path)) {
            if (in == null) {
                throw new AirbyteEmbeddedConfigException("widget-integrity",
                        "is 'compute', but the self-hosted widget script " + path
                                + " is not a resource of the web application; put the file there or configure its hash");
            }
            return new WidgetScript(version, cdnBase, sri(in.readAllBytes()), IntegritySource.COMPUTED, styleSource,
                    styleSourceConfigured);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the self-hosted widget script " + path, e);
        }
    }

    /** Whether the integrity still waits for {@link #resolvedWith(ServletContext)}. */
    boolean integrityPending() {
        return integritySource == IntegritySource.PENDING;
    }

    IntegritySource integritySource() {
        return integritySource;
    }

    /** Describes the script: URL, version and how its integrity was obtained (hashes are public). */
    @Override
    public String toString() {
        return "WidgetScript{" + scriptUrl("") + ", integrity=" + (integrity == null ? "none" : integrity)
                + " (" + integritySource.name().toLowerCase(Locale.ROOT) + "), style-src " + styleSource + "}";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WidgetScript that && version.equals(that.version) && cdnBase.equals(that.cdnBase)
                && Objects.equals(integrity, that.integrity) && integritySource == that.integritySource
                && styleSource.equals(that.styleSource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, cdnBase, integrity, integritySource, styleSource);
    }

    /** The SRI value of these bytes: {@code sha384-<base64>}. */
    static String sri(byte[] bytes) {
        try {
            return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is not available", e);
        }
    }

    /**
     * Builds a {@link WidgetScript}; every check runs in {@link #build()}, which fails with an {@link
     * AirbyteEmbeddedConfigException} naming the setting.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private String version = DEFAULT_VERSION;
        private String cdnBase = DEFAULT_CDN_BASE;
        private String integrity;
        private IntegritySource integritySource = IntegritySource.NONE;
        private byte[] scriptBytes;
        private Path scriptFile;
        private String styleSource;

        private Builder() {
        }

        /**
         * Sets the exact widget version (default {@value #DEFAULT_VERSION}). Ranges ({@code ^0.4},
         * {@code ~0.4.5}, {@code 0.4}, {@code 0.x}) and tags ({@code latest}) are refused: their bytes
         * change, so they cannot carry an integrity hash.
         *
         * @param version an exact version such as {@code 0.4.5}
         * @return this builder
         */
        public Builder version(String version) {
            this.version = Checks.given(version, Settings.WIDGET_VERSION.key(), false).strip();
            return this;
        }

        /**
         * Sets where the script is loaded from (default {@value #DEFAULT_CDN_BASE}): another
         * jsDelivr-shaped base such as the emulator's {@code http://127.0.0.1:8181/npm}, or a path
         * starting with {@code /}, relative to the context path, for a self-hosted copy at {@code
         * <path>/@airbyte-embedded/airbyte-embedded-widget@<version>/dist/airbyte-embedded-widget.iife.js}.
         * An absolute URL must be {@code https}, or {@code http} on a loopback host.
         *
         * @param cdnBase the base URL or path
         * @return this builder
         */
        public Builder cdnBase(String cdnBase) {
            this.cdnBase = Checks.given(cdnBase, Settings.WIDGET_CDN_BASE.key(), false).strip();
            return this;
        }

        /**
         * Sets the CDN base; see {@link #cdnBase(String)}.
         *
         * @param cdnBase an absolute URL
         * @return this builder
         */
        public Builder cdnBase(URI cdnBase) {
            return cdnBase(Checks.given(cdnBase, Settings.WIDGET_CDN_BASE.key(), false).toString());
        }

        /**
         * Sets the Subresource Integrity value of the script at this version, as {@code
         * sha384-<base64>} ({@code sha256-} and {@code sha512-} are accepted; several separated by
         * spaces). docs/page-side.md, "The SRI hash", says how to compute it from the npm package.
         *
         * @param integrity the value of the {@code integrity} attribute
         * @return this builder
         */
        public Builder integrity(String integrity) {
            this.integrity = Checks.given(integrity, Settings.WIDGET_INTEGRITY.key(), false).strip();
            this.integritySource = IntegritySource.CONFIGURED;
            return this;
        }

        /**
         * Computes the integrity from the script's bytes (a self-hosted copy the application reads from
         * its classpath, for example).
         *
         * @param script the exact bytes the browser will receive
         * @return this builder
         */
        public Builder integrityOf(byte[] script) {
            this.scriptBytes = Checks.given(script, Settings.WIDGET_INTEGRITY.key(), false).clone();
            this.integritySource = IntegritySource.COMPUTED;
            return this;
        }

        /**
         * Computes the integrity from a file holding the script, read once by {@link #build()}.
         *
         * @param scriptFile the file with the exact bytes the browser will receive
         * @return this builder
         */
        public Builder integrityOf(Path scriptFile) {
            this.scriptFile = Checks.given(scriptFile, Settings.WIDGET_INTEGRITY.key(), false);
            this.integritySource = IntegritySource.COMPUTED;
            return this;
        }

        /**
         * Computes the integrity at startup from the script itself: fetched once by {@link #build()}
         * when the CDN base is a loopback URL (the emulator), or read from the web application by the
         * filter when the script is self-hosted. Refused for a remote CDN: configure its hash.
         *
         * @return this builder
         */
        public Builder computeIntegrity() {
            this.integritySource = IntegritySource.PENDING;
            return this;
        }

        /**
         * Renders the script without integrity, and silences the startup warning. Prefer a hash.
         *
         * @return this builder
         */
        public Builder withoutIntegrity() {
            this.integrity = null;
            this.integritySource = IntegritySource.DISABLED;
            return this;
        }

        /**
         * Sets the CSP hash of the {@code <style>} text the widget injects (default: the emulator's, asked
         * from its {@code /_emulator/info} at {@link #build()}, when the CDN base is a loopback URL served
         * by the emulator; else {@link #VENDOR_0_4_5_STYLE_HASH} for version 0.4.5, otherwise {@code
         * 'unsafe-inline'} with a startup warning). The emulator's is {@code
         * AirbyteEmulator.widgetStyleCspHash()}.
         *
         * @param hash {@code sha256-<base64>}, with or without the surrounding quotes
         * @return this builder
         */
        public Builder styleHash(String hash) {
            String value = Checks.given(hash, Settings.WIDGET_STYLE_HASH.key(), false).strip();
            if (value.length() > 1 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            this.styleSource = value;
            return this;
        }

        /**
         * Allows the widget's injected style with {@code style-src 'unsafe-inline'} instead of a hash,
         * and silences the startup warning.
         *
         * @return this builder
         */
        public Builder unsafeInlineStyles() {
            this.styleSource = "unsafe-inline";
            return this;
        }

        /**
         * Validates the settings and builds the script; computes the integrity when asked to.
         *
         * @return a new immutable script
         * @throws AirbyteEmbeddedConfigException if a setting is invalid; {@link
         *     AirbyteEmbeddedConfigException#setting()} names it ({@code widget-version}, {@code
         *     widget-cdn-base}, {@code widget-integrity}, {@code widget-style-hash})
         */
        public WidgetScript build() {
            if (!EXACT_VERSION.matcher(version).matches()) {
                throw new AirbyteEmbeddedConfigException("widget-version", "'" + version + "' is not an exact version: "
                        + "pin one such as " + DEFAULT_VERSION + "; ranges (^0.4, ~0.4.5, 0.4) and tags (latest) "
                        + "change under you and cannot carry Subresource Integrity");
            }
            String base = validateBase(cdnBase);
            String emulatorStyle = styleSource == null ? emulatorStyleHash(base) : null;
            String style = styleSource != null ? validateStyle(styleSource)
                    : emulatorStyle != null ? "'" + emulatorStyle + "'"
                    : DEFAULT_VERSION.equals(version) ? "'" + VENDOR_0_4_5_STYLE_HASH + "'" : "'unsafe-inline'";
            String value = integrity;
            IntegritySource source = integritySource;
            switch (source) {
                case CONFIGURED -> value = validateIntegrity(integrity);
                case COMPUTED -> value = sri(scriptBytes != null ? scriptBytes : readFile(scriptFile));
                case PENDING -> {
                    if (!base.startsWith("/")) {
                        URI uri = URI.create(base);
                        if (!Checks.isLoopback(uri.getHost())) {
                            throw new AirbyteEmbeddedConfigException("widget-integrity", "can be computed only for a "
                                    + "self-hosted copy or a loopback URL (the emulator), not from " + uri.getHost()
                                    + ": a hash of whatever a CDN serves today pins nothing; configure the published "
                                    + "file's hash (docs/page-side.md, \"The SRI hash\", says how)");
                        }
                        value = sri(fetch(URI.create(base + "/" + PACKAGE_NAME + "@" + version + "/" + FILE)));
                        source = IntegritySource.COMPUTED;
                    }
                }
                default -> { }
            }
            return new WidgetScript(version, base, value, source, style, styleSource != null || emulatorStyle != null);
        }

        /**
         * The CSP hash of the style that the emulator's widget injects, when the CDN base is a loopback
         * URL served by the emulator: its inspection API ({@code /_emulator/info}) names it. A loopback
         * copy of the vendor's widget (no such endpoint), or nothing listening, gives null, and the
         * defaults apply. Without this, settings that point at the emulator by hand would get the
         * vendor's hash, and the browser would block the emulator's style.
         */
        private static String emulatorStyleHash(String base) {
            if (base.startsWith("/")) {
                return null;
            }
            String hash = EmulatorInfo.at(URI.create(base)).map(info -> info.path("widget_style_csp_hash").asText("")).orElse("");
            return HASH.matcher(hash).matches() ? hash : null;
        }

        private static String validateBase(String value) {
            String base = value;
            while (base.length() > 1 && base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            if (base.startsWith("/")) {
                if (base.startsWith("//") || base.length() < 2 || base.chars().anyMatch(c -> c <= ' ' || c == '"'
                        || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '?' || c == '#' || c == ';' || c == ',')) {
                    throw new AirbyteEmbeddedConfigException("widget-cdn-base",
                            "'" + value + "' must be an absolute URL or a plain path starting with a single '/'");
                }
                return base;
            }
            URI uri;
            try {
                uri = new URI(base);
            } catch (URISyntaxException e) {
                throw new AirbyteEmbeddedConfigException("widget-cdn-base", "'" + value + "' is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new AirbyteEmbeddedConfigException("widget-cdn-base",
                        "'" + value + "' must be an absolute https URL such as " + DEFAULT_CDN_BASE + ", or a path starting with '/'");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || base.contains(";") || base.contains(",") || base.contains("'")) {
                throw new AirbyteEmbeddedConfigException("widget-cdn-base",
                        "'" + value + "' must not have user info, a query, a fragment, ';', ',' or quotes");
            }
            if (scheme.equals("http") && !Checks.isLoopback(uri.getHost())) {
                throw new AirbyteEmbeddedConfigException("widget-cdn-base",
                        "'" + value + "' uses http; only https is allowed, except on a loopback host (the emulator)");
            }
            return base;
        }

        private static String validateIntegrity(String value) {
            String[] hashes = value.split("\\s+");
            for (String hash : hashes) {
                if (!HASH.matcher(hash).matches()) {
                    throw new AirbyteEmbeddedConfigException("widget-integrity", "'" + value
                            + "' is not a Subresource Integrity value such as sha384-<base64> (docs/page-side.md, \"The SRI hash\", says how to compute it)");
                }
            }
            return String.join(" ", hashes);
        }

        private static String validateStyle(String value) {
            if ("unsafe-inline".equals(value)) {
                return "'unsafe-inline'";
            }
            if (!HASH.matcher(value).matches()) {
                throw new AirbyteEmbeddedConfigException("widget-style-hash",
                        "'" + value + "' is not a CSP hash such as sha256-<base64>");
            }
            return "'" + value + "'";
        }

        private static byte[] readFile(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new AirbyteEmbeddedConfigException("widget-integrity",
                        "could not read the widget script " + file + " to compute its hash: " + e.getClass().getSimpleName());
            }
        }

        private static byte[] fetch(URI uri) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new AirbyteEmbeddedConfigException("widget-integrity",
                            "is 'compute', but GET " + uri + " answered " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new AirbyteEmbeddedConfigException("widget-integrity",
                        "is 'compute', but GET " + uri + " failed (" + e.getClass().getSimpleName() + "); start the emulator first");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AirbyteEmbeddedConfigException("widget-integrity", "was interrupted while fetching " + uri);
            }
        }
    }
}
