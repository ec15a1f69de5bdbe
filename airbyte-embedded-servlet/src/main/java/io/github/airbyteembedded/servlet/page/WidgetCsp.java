package io.github.airbyteembedded.servlet.page;

import io.github.airbyteembedded.servlet.WidgetScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The Content-Security-Policy directives the widget needs on the page that hosts it, for one request:
 *
 * <ul>
 *   <li>{@code script-src}: the request's nonce (which the widget's and the bootstrap's {@code
 *       <script>} elements carry) and the widget script's exact URL; {@code 'self'} instead of the
 *       nonce when there is none;
 *   <li>{@code style-src}: the hash of the {@code <style>} text the widget injects without a nonce (or
 *       {@code 'unsafe-inline'}), see {@link WidgetScript#styleSource()};
 *   <li>{@code img-src data:}: the logo in the widget's footer;
 *   <li>{@code frame-src}: the origin of the widget page, the iframe the widget opens;
 *   <li>{@code connect-src 'self'}: the bootstrap's call to the token route.
 * </ul>
 *
 * <p>Apps that set their own policy merge these into it; the others can take {@link #headerValue()}, a
 * complete strict policy (no {@code 'unsafe-inline'} script), or let the filter add it to the pages that
 * render the widget's tags ({@code addContentSecurityPolicy(true)}).
 *
 * <pre>{@code
 * WidgetCsp csp = WidgetPage.of(request, response).contentSecurityPolicy();
 * response.setHeader("Content-Security-Policy", csp.mergeInto("default-src 'self'; img-src 'self' https:"));
 * // default-src 'self'; img-src 'self' https: data:; script-src 'self' 'nonce-...' https://cdn.jsdelivr.net/...;
 * //   style-src 'self' 'sha256-...'; frame-src 'self' https://app.airbyte.ai; connect-src 'self'
 * }</pre>
 *
 * <p>Merging keeps the application's policy and only adds: a directive the policy lacks starts from
 * the one it falls back to ({@code default-src}, or {@code child-src} for frames) so nothing the
 * application allowed is lost; a directive that falls back to nothing is left alone, since that
 * content is unrestricted; {@code 'none'} is dropped from a directive that gains a source; and a nonce
 * or hash is not added next to {@code 'unsafe-inline'}, because browsers would then ignore {@code
 * 'unsafe-inline'} and break the application's own inline code ({@code 'self'} is added for the
 * bootstrap instead). Immutable.
 *
 * @since 0.1.0
 */
public final class WidgetCsp {

    /** The policy {@link #headerValue()} starts from. */
    static final String BASE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'";

    private final Map<String, List<String>> directives;

    private WidgetCsp(Map<String, List<String>> directives) {
        this.directives = directives;
    }

    /**
     * Computes the directives for a widget script, a widget page origin and a nonce.
     *
     * @param script the widget script the page loads
     * @param contextPath the request's context path ({@code ""} for the root context)
     * @param widgetPageOrigin the origin of the widget's iframe page, such as {@code
     *     https://app.airbyte.ai}
     * @param nonce the request's nonce, or {@code null} when the page has none
     * @return the directives
     */
    public static WidgetCsp of(WidgetScript script, String contextPath, String widgetPageOrigin, String nonce) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(widgetPageOrigin, "widgetPageOrigin");
        Map<String, List<String>> directives = new LinkedHashMap<>();
        List<String> scriptSources = new ArrayList<>();
        scriptSources.add(nonce == null ? "'self'" : "'nonce-" + nonce + "'");
        scriptSources.add(script.selfHosted() ? "'self'" : script.scriptUrl(contextPath));
        directives.put("script-src", distinct(scriptSources));
        directives.put("style-src", List.of(script.styleSource()));
        directives.put("img-src", List.of("data:"));
        directives.put("frame-src", List.of(widgetPageOrigin));
        directives.put("connect-src", List.of("'self'"));
        return new WidgetCsp(Collections.unmodifiableMap(directives));
    }

    private static List<String> distinct(List<String> sources) {
        return List.copyOf(new java.util.LinkedHashSet<>(sources));
    }

    /**
     * Returns the directives the widget needs, each with its sources, to add to a policy by hand.
     *
     * @return an unmodifiable map from directive name to sources, in a stable order
     */
    public Map<String, List<String>> directives() {
        return directives;
    }

    /**
     * Returns a complete, strict policy for a page that hosts the widget: {@code default-src 'self'},
     * scripts only from {@code 'self'}, the nonce and the widget's URL, no plugins, and what the widget
     * needs.
     *
     * @return the value of a {@code Content-Security-Policy} header
     */
    public String headerValue() {
        return mergeInto(BASE_POLICY);
    }

    /**
     * Adds what the widget needs to an existing policy; see the class description for the rules.
     *
     * @param policy the application's policy, the value of its {@code Content-Security-Policy} header
     * @return the merged policy
     */
    public String mergeInto(String policy) {
        Objects.requireNonNull(policy, "policy");
        Map<String, List<String>> parsed = parse(policy);
        directives.forEach((name, sources) -> {
            List<String> target = parsed.get(name);
            if (target == null) {
                List<String> fallback = fallback(parsed, name);
                if (fallback == null) {
                    return; // unrestricted: adding a directive would only take something away
                }
                target = new ArrayList<>(fallback);
                parsed.put(name, target);
            }
            add(target, sources, name.equals("script-src"));
        });
        StringJoiner joiner = new StringJoiner("; ");
        parsed.forEach((name, sources) -> joiner.add(sources.isEmpty() ? name : name + " " + String.join(" ", sources)));
        return joiner.toString();
    }

    private static void add(List<String> target, List<String> sources, boolean scripts) {
        boolean inlineAllowed = contains(target, "'unsafe-inline'") && target.stream().noneMatch(WidgetCsp::isNonceOrHash);
        for (String source : sources) {
            String value = source;
            if (inlineAllowed && isNonceOrHash(source)) {
                if (!scripts) {
                    continue; // 'unsafe-inline' already allows the injected style
                }
                value = "'self'"; // the bootstrap, without turning off the application's 'unsafe-inline'
            }
            if (value.equals("'unsafe-inline'") && target.stream().anyMatch(WidgetCsp::isNonceOrHash)) {
                continue; // it would be ignored anyway
            }
            target.removeIf(existing -> existing.equalsIgnoreCase("'none'"));
            if (!contains(target, value)) {
                target.add(value);
            }
        }
    }

    private static boolean contains(List<String> sources, String value) {
        return sources.stream().anyMatch(existing -> existing.equalsIgnoreCase(value));
    }

    private static boolean isNonceOrHash(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("'nonce-") || lower.startsWith("'sha256-") || lower.startsWith("'sha384-")
                || lower.startsWith("'sha512-");
    }

    private static List<String> fallback(Map<String, List<String>> parsed, String name) {
        if (name.equals("frame-src") && parsed.containsKey("child-src")) {
            return parsed.get("child-src");
        }
        return parsed.get("default-src");
    }

    /** Directive name (lower case) to its sources, in order; a repeated directive is ignored, as browsers do. */
    private static Map<String, List<String>> parse(String policy) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] tokens = directive.strip().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            String name = tokens[0].toLowerCase(Locale.ROOT);
            if (!parsed.containsKey(name)) {
                List<String> sources = new ArrayList<>();
                for (int i = 1; i < tokens.length; i++) {
                    sources.add(tokens[i]);
                }
                parsed.put(name, sources);
            }
        }
        return parsed;
    }

    /** The standalone policy. */
    @Override
    public String toString() {
        return headerValue();
    }
}
