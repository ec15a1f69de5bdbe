package io.github.airbyteembedded.servlet;

/**
 * How template tags select the connectors (source templates) or connection templates a widget
 * offers: a template must carry {@link #ANY any} or {@link #ALL all} of the configured tags.
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig.builder()
 *     .sourceTemplateTags(List.of("crm", "billing"), TagSelectionMode.ANY)
 * }</pre>
 *
 * @since 0.1.0
 */
public enum TagSelectionMode {

    /** A template is offered when it has at least one of the tags (Airbyte's default). */
    ANY,

    /** A template is offered only when it has every one of the tags. */
    ALL
}
