package io.github.airbyteembedded.servlet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.WidgetScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidgetCspTest {

    private static final String URL =
            "https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js";
    private static final String STYLE = "'" + WidgetScript.VENDOR_0_4_5_STYLE_HASH + "'";

    private final WidgetCsp csp = WidgetCsp.of(WidgetScript.defaults(), "", "https://app.airbyte.ai", "N0nceN0nceN0nceN0nce");

    @Test
    void listsWhatTheWidgetNeeds() {
        assertEquals(Map.of(
                "script-src", List.of("'nonce-N0nceN0nceN0nceN0nce'", URL),
                "style-src", List.of(STYLE),
                "img-src", List.of("data:"),
                "frame-src", List.of("https://app.airbyte.ai"),
                "connect-src", List.of("'self'")), csp.directives());
    }

    @Test
    void withoutANonceTheBootstrapIsAllowedFromSelf() {
        WidgetCsp withoutNonce = WidgetCsp.of(WidgetScript.defaults(), "", "https://app.airbyte.ai", null);
        assertEquals(List.of("'self'", URL), withoutNonce.directives().get("script-src"));
    }

    @Test
    void selfHostedWidgetIsAllowedFromSelf() {
        WidgetCsp selfHosted = WidgetCsp.of(WidgetScript.builder().cdnBase("/vendor").build(), "/app", "https://app.airbyte.ai", "N0nceN0nceN0nceN0nce");
        assertEquals(List.of("'nonce-N0nceN0nceN0nceN0nce'", "'self'"), selfHosted.directives().get("script-src"));
    }

    @Test
    void headerValueIsAStrictCompletePolicyWithoutUnsafeInlineScripts() {
        assertEquals("default-src 'self'; script-src 'self' 'nonce-N0nceN0nceN0nceN0nce' " + URL + "; style-src 'self' " + STYLE
                + "; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-src 'self' https://app.airbyte.ai",
                csp.headerValue());
    }

    @Test
    void mergeAddsToExistingDirectivesAndStartsMissingOnesFromDefaultSrc() {
        assertEquals("default-src 'self' https://assets.example.com; script-src 'self' 'nonce-N0nceN0nceN0nceN0nce' " + URL
                + "; style-src 'self' https://assets.example.com " + STYLE
                + "; img-src 'self' https://assets.example.com data:; frame-src 'self' https://assets.example.com https://app.airbyte.ai"
                + "; connect-src 'self' https://assets.example.com",
                csp.mergeInto("default-src 'self' https://assets.example.com; script-src 'self'"));
    }

    @Test
    void mergeLeavesUnrestrictedContentUnrestricted() {
        assertEquals("frame-ancestors 'none'; script-src 'nonce-N0nceN0nceN0nceN0nce' " + URL,
                csp.mergeInto("frame-ancestors 'none'; script-src 'nonce-N0nceN0nceN0nceN0nce'"));
    }

    @Test
    void mergeDropsNoneFromADirectiveThatGainsASource() {
        assertEquals("default-src 'none'; img-src data:; frame-src https://app.airbyte.ai; script-src 'nonce-N0nceN0nceN0nceN0nce' " + URL
                + "; style-src " + STYLE + "; connect-src 'self'",
                csp.mergeInto("default-src 'none'; img-src 'none'; frame-src 'none'"));
    }

    @Test
    void mergeNeverTurnsOffTheApplicationsUnsafeInline() {
        String merged = csp.mergeInto("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'");
        assertEquals("default-src 'self'; script-src 'self' 'unsafe-inline' " + URL + "; style-src 'self' 'unsafe-inline'"
                + "; img-src 'self' data:; frame-src 'self' https://app.airbyte.ai; connect-src 'self'", merged);
    }

    @Test
    void mergeUsesChildSrcForFramesWhenThereIsNoFrameSrc() {
        String merged = csp.mergeInto("default-src 'self'; child-src https://videos.example.com");
        assertTrue(merged.contains("; frame-src https://videos.example.com https://app.airbyte.ai;"), merged);
        assertTrue(merged.startsWith("default-src 'self'; child-src https://videos.example.com; "), merged);
    }

    @Test
    void mergeDoesNotRepeatSourcesAlreadyThere() {
        String policy = csp.headerValue();
        assertEquals(policy, csp.mergeInto(policy));
    }
}
