package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.processor.StandardXmlNsTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * A Thymeleaf 3.1 dialect for pages that host the Airbyte Embedded widget:
 *
 * <ul>
 *   <li>{@code <airbyte:widget-script/>}: the pinned widget script and the bootstrap script, with the
 *       request's CSP nonce ({@code bootstrap="false"}: the widget script alone);
 *   <li>{@code airbyte:connect-button} on any element: makes it a connect button ({@code
 *       data-airbyte-connect}, and {@code type="button"} on a {@code <button>} without a type);
 *   <li>{@code airbyte:csp-nonce} on any element: sets its {@code nonce} to the request's nonce, for the
 *       page's own scripts.
 * </ul>
 *
 * <pre>{@code
 * templateEngine.addDialect(new AirbyteEmbeddedDialect());
 *
 * <html xmlns:th="http://www.thymeleaf.org" xmlns:airbyte="urn:io.github.airbyteembedded:thymeleaf">
 * <head><airbyte:widget-script/></head>
 * <body><button airbyte:connect-button>Connect your data</button></body>
 * </html>
 * }</pre>
 *
 * <p>Everything rendered comes from {@link io.github.airbyteembedded.servlet.page.WidgetPage}, the same
 * renderer as the JSP tags', escaped for the template mode (HTML or XML). Templates must be rendered
 * in a web context on a Jakarta servlet request; the integration is the one {@code
 * AirbyteEmbeddedFilter} published in the web application, or the one given to the constructor (the
 * Spring Boot auto-configuration passes its bean).
 *
 * @since 0.1.0
 */
public final class AirbyteEmbeddedDialect extends AbstractProcessorDialect {

    /** The dialect's name: {@value}. */
    public static final String NAME = "Airbyte Embedded";

    /** The prefix used unless another is given when adding the dialect: {@value}. */
    public static final String DEFAULT_PREFIX = "airbyte";

    /** The precedence of the dialect's processors: the standard dialect's, {@value}. */
    public static final int PROCESSOR_PRECEDENCE = StandardDialect.PROCESSOR_PRECEDENCE;

    private final AirbyteEmbedded airbyte;

    /** Creates the dialect for the integration that {@code AirbyteEmbeddedFilter} publishes in the web application. */
    public AirbyteEmbeddedDialect() {
        super(NAME, DEFAULT_PREFIX, PROCESSOR_PRECEDENCE);
        this.airbyte = null;
    }

    /**
     * Creates the dialect for a given integration.
     *
     * @param airbyte the integration whose token route and widget script the pages use
     */
    public AirbyteEmbeddedDialect(AirbyteEmbedded airbyte) {
        super(NAME, DEFAULT_PREFIX, PROCESSOR_PRECEDENCE);
        this.airbyte = Objects.requireNonNull(airbyte, "airbyte");
    }

    /**
     * Returns the dialect's processors for HTML and XML templates.
     *
     * @param dialectPrefix the prefix the dialect was added with
     * @return the processors
     */
    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        Pages pages = new Pages(airbyte);
        Set<IProcessor> processors = new LinkedHashSet<>();
        for (TemplateMode mode : new TemplateMode[] {TemplateMode.HTML, TemplateMode.XML}) {
            processors.add(new WidgetScriptElementProcessor(mode, dialectPrefix, pages));
            processors.add(new ConnectButtonAttributeProcessor(mode, dialectPrefix, pages));
            processors.add(new CspNonceAttributeProcessor(mode, dialectPrefix, pages));
            processors.add(new StandardXmlNsTagProcessor(mode, dialectPrefix));
        }
        return processors;
    }
}
