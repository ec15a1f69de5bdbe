package io.github.airbyteembedded.servlet.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.page.CspNonce;
import io.github.airbyteembedded.servlet.page.FakeHttp;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tags only gather their inputs and delegate to {@link WidgetPage}. */
class TagsTest {

    private final AirbyteEmbedded airbyte = FakeHttp.airbyte(b -> b);
    private final HttpServletRequest request = FakeHttp.request("/app", FakeHttp.context(airbyte));
    private final WidgetPage page = WidgetPage.of(request, FakeHttp.response().proxy);

    @Test
    void widgetScriptTagRendersBothScriptsOrTheWidgetAlone() {
        assertEquals(page.scripts(), WidgetScriptTag.render(page, true));
        assertEquals(page.widgetScript(), WidgetScriptTag.render(page, false));
    }

    @Test
    void connectButtonTagKeepsItsBodyMarkupAndEscapesItsLabel() {
        CspNonce.of(request);
        assertEquals("<button type=\"button\" data-airbyte-connect=\"\" id=\"c\"><b>Connect</b></button>",
                ConnectButtonTag.render(page, null, "<b>Connect</b>", Map.of("id", "c")));
        assertEquals("<button type=\"button\" data-airbyte-connect=\"\">a &lt;b&gt;</button>",
                ConnectButtonTag.render(page, "a <b>", "  ", Map.of()));
        assertEquals("<button type=\"button\" data-airbyte-connect=\"\">Connect your data</button>",
                ConnectButtonTag.render(page, null, null, Map.of()));
    }
}
