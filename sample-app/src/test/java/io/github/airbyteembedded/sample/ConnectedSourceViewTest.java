package io.github.airbyteembedded.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectedSourceViewTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:20:00Z");

    private static ConnectedSourceView createdAgo(Duration age) {
        return new ConnectedSourceView("id", "GitHub - 1", "GitHub", Optional.of(NOW.minus(age)), NOW);
    }

    private static ConnectedSourceView connector(String connector) {
        return new ConnectedSourceView("id", "Name", connector, Optional.empty(), NOW);
    }

    @Test
    void saysHowLongAgoTheSourceWasConnectedInWords() {
        assertEquals("Connected just now", createdAgo(Duration.ofSeconds(59)).getCreatedLabel());
        assertEquals("Connected just now", createdAgo(Duration.ofSeconds(-5)).getCreatedLabel(), "a clock slightly behind Airbyte's");
        assertEquals("Connected 1 minute ago", createdAgo(Duration.ofSeconds(60)).getCreatedLabel());
        assertEquals("Connected 59 minutes ago", createdAgo(Duration.ofMinutes(59)).getCreatedLabel());
        assertEquals("Connected 1 hour ago", createdAgo(Duration.ofMinutes(60)).getCreatedLabel());
        assertEquals("Connected 23 hours ago", createdAgo(Duration.ofHours(23)).getCreatedLabel());
        assertEquals("Connected yesterday", createdAgo(Duration.ofHours(30)).getCreatedLabel());
        assertEquals("Connected on 14 Nov 2026", createdAgo(Duration.ofDays(10)).getCreatedLabel());
        assertEquals("14 Nov 2026, 10:20 UTC", createdAgo(Duration.ofDays(10)).getCreatedTitle());
        assertEquals("2026-11-14T10:20:00Z", createdAgo(Duration.ofDays(10)).getCreatedAt());
    }

    @Test
    void aSourceWithoutACreationTimeSaysOnlyConnected() {
        ConnectedSourceView view = connector("GitHub");
        assertEquals("Connected", view.getCreatedLabel());
        assertNull(view.getCreatedAt());
        assertNull(view.getCreatedTitle());
    }

    @Test
    void initialsAreTheConnectorsFirstTwoCapitalsOrElseItsFirstTwoLetters() {
        assertEquals("GH", connector("GitHub").getInitials());
        assertEquals("HS", connector("HubSpot").getInitials());
        assertEquals("St", connector("Stripe").getInitials());
        assertEquals("Po", connector("postgres").getInitials());
        assertEquals("?", connector("--").getInitials());
    }

    @Test
    void knownConnectorsGetTheirOwnTileAndOthersAStableOneOfThePalette() {
        assertEquals("tile-github", connector("GitHub").getTileClass());
        assertEquals("tile-hubspot", connector("HubSpot").getTileClass());
        String other = connector("Google Sheets").getTileClass();
        assertEquals(other, connector("Google Sheets").getTileClass());
        assertTrue(other.matches("tile-[0-5]"), other);
    }

    @Test
    void aSourceWithoutAConnectorNameIsShownByItsName() {
        assertEquals("My source", new ConnectedSourceView("id", "My source", "", Optional.empty(), NOW).getConnector());
    }
}
