package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code <airbyte:widget-script/>}: replaced by the widget script and the bootstrap script ({@code
 * bootstrap="false"}: the widget script alone). The markup comes from {@link WidgetPage}, with every
 * attribute escaped and every attribute given a quoted value, so it is valid HTML and XML alike.
 */
final class WidgetScriptElementProcessor extends AbstractElementTagProcessor {

    static final String ELEMENT_NAME = "widget-script";
    static final int PRECEDENCE = AirbyteEmbeddedDialect.PROCESSOR_PRECEDENCE;

    private final Pages pages;

    WidgetScriptElementProcessor(TemplateMode templateMode, String dialectPrefix, Pages pages) {
        super(templateMode, dialectPrefix, ELEMENT_NAME, true, null, false, PRECEDENCE);
        this.pages = pages;
    }

    @Override
    protected void doProcess(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler structureHandler) {
        WidgetPage page = pages.of(context, "<" + getMatchingElementName().getMatchingElementName() + ">");
        boolean bootstrap = !"false".equalsIgnoreCase(String.valueOf(tag.getAttributeValue("bootstrap")).strip());
        structureHandler.replaceWith(bootstrap ? page.scripts() : page.widgetScript(), false);
    }
}
