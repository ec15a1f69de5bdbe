package io.github.airbyteembedded.servlet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.WidgetScript;
import org.junit.jupiter.api.Test;

/** The widget's {@code <script>} element as the page side renders it from the configured {@link WidgetScript}. */
class WidgetScriptElementTest {

    private static final String HASH = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC";

    @Test
    void rendersThePinnedExplicitFileWithIntegrityCrossoriginAndNonce() {
        WidgetScript script = WidgetScript.builder().integrity(HASH).build();

        assertEquals("<script src=\"https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js\""
                + " integrity=\"" + HASH + "\" crossorigin=\"anonymous\" nonce=\"n0nce+/AbCdEfGhIjKl\" defer=\"\""
                + " data-airbyte-widget-script=\"0.4.5\"></script>", WidgetPage.widgetScriptElement(script, "/app", "n0nce+/AbCdEfGhIjKl"));
    }

    @Test
    void rendersWithoutIntegrityOrNonceWhenThereAreNone() {
        assertEquals("<script src=\"https://cdn.jsdelivr.net/npm/@airbyte-embedded/airbyte-embedded-widget@0.4.5/dist/airbyte-embedded-widget.iife.js\""
                + " crossorigin=\"anonymous\" defer=\"\" data-airbyte-widget-script=\"0.4.5\"></script>",
                WidgetPage.widgetScriptElement(WidgetScript.defaults(), "", null));
        assertTrue(WidgetScript.defaults().integrityMissing());
    }

    @Test
    void escapesEveryAttributeValue() {
        WidgetScript script = WidgetScript.builder().cdnBase("/static/a&b").build();
        String html = WidgetPage.widgetScriptElement(script, "/ctx", "\"><script>alert(1)</script>");

        assertTrue(html.contains("src=\"/ctx/static/a&amp;b/@airbyte-embedded/"), html);
        assertTrue(html.contains("nonce=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), html);
        assertEquals(1, html.split("<script", -1).length - 1, html);
    }
}
