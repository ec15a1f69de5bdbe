package io.github.airbyteembedded.sample;

import io.github.airbyteembedded.servlet.ConnectedSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the home page's list of connected sources: what the template shows of a {@link
 * ConnectedSource}, with the connector's initials and tile colour and a creation time people read
 * ("Connected 5 minutes ago").
 */
final class ConnectedSourceView {

    private static final Set<String> KNOWN_CONNECTORS = Set.of("github", "stripe", "postgres", "hubspot");
    private static final int PALETTE_SIZE = 6;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String id;
    private final String name;
    private final String connector;
    private final Instant createdAt;
    private final Instant now;

    ConnectedSourceView(String id, String name, String connector, Optional<Instant> createdAt, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.connector = connector == null || connector.isBlank() ? name : connector;
        this.createdAt = createdAt.orElse(null);
        this.now = Objects.requireNonNull(now, "now");
    }

    static ConnectedSourceView of(ConnectedSource source, Instant now) {
        return new ConnectedSourceView(source.id(), source.name(), source.connector(), source.createdAt(), now);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getConnector() {
        return connector;
    }

    /** Two letters for the connector's tile: its first two capitals ("GitHub": GH), else its first two letters. */
    public String getInitials() {
        StringBuilder capitals = new StringBuilder(2);
        connector.codePoints().filter(Character::isUpperCase).limit(2).forEach(capitals::appendCodePoint);
        if (capitals.length() == 2) {
            return capitals.toString();
        }
        String letters = connector.codePoints().filter(Character::isLetterOrDigit).limit(2)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (letters.isEmpty()) {
            return "?";
        }
        return letters.substring(0, 1).toUpperCase(Locale.ROOT) + letters.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The tile's CSS class: the connector's own colour when the stylesheet has one, else one of a palette. */
    public String getTileClass() {
        String key = connector.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (KNOWN_CONNECTORS.contains(key)) {
            return "tile-" + key;
        }
        return "tile-" + Math.floorMod(key.hashCode(), PALETTE_SIZE);
    }

    /** The creation time for a {@code datetime} attribute, or {@code null} when Airbyte gave none. */
    public String getCreatedAt() {
        return createdAt == null ? null : createdAt.toString();
    }

    /** The creation time in full, for a tooltip. */
    public String getCreatedTitle() {
        return createdAt == null ? null : DATE_TIME.format(createdAt);
    }

    /** "Connected just now", "Connected 5 minutes ago", ..., "Connected on 3 Nov 2026". */
    public String getCreatedLabel() {
        if (createdAt == null) {
            return "Connected";
        }
        Duration age = Duration.between(createdAt, now);
        if (age.compareTo(Duration.ofMinutes(1)) < 0) {
            return "Connected just now";
        }
        if (age.compareTo(Duration.ofHours(1)) < 0) {
            return "Connected " + plural(age.toMinutes(), "minute") + " ago";
        }
        if (age.compareTo(Duration.ofDays(1)) < 0) {
            return "Connected " + plural(age.toHours(), "hour") + " ago";
        }
        if (age.compareTo(Duration.ofDays(2)) < 0) {
            return "Connected yesterday";
        }
        return "Connected on " + DATE.format(createdAt);
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    @Override
    public String toString() {
        return "ConnectedSourceView{" + id + ", " + connector + "}";
    }
}
