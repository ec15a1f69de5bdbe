package io.github.airbyteembedded.thymeleaf;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.util.EscapedAttributeUtils;

/**
 * {@code airbyte:connect-button}: makes its element a connect button with the attributes {@link
 * WidgetPage#connectButtonAttributes()} gives ({@code type="button"} only on a {@code <button>} that
 * has no type), escaped for the template mode. The attribute's value is not used. An element that
 * also carries a route path ({@link WidgetPage#TOKEN_PATH_ATTRIBUTE}, {@link
 * WidgetPage#SOURCE_EVENTS_PATH_ATTRIBUTE}) is refused: the paths come only from the bootstrap's
 * {@code <script>}, and the bootstrap would refuse its clicks.
 */
final class ConnectButtonAttributeProcessor extends AbstractAttributeTagProcessor {

    static final String ATTR_NAME = "connect-button";
    static final int PRECEDENCE = AirbyteEmbeddedDialect.PROCESSOR_PRECEDENCE;

    private final Pages pages;

    ConnectButtonAttributeProcessor(TemplateMode templateMode, String dialectPrefix, Pages pages) {
        super(templateMode, dialectPrefix, null, false, ATTR_NAME, true, PRECEDENCE, true);
        this.pages = pages;
    }

    @Override
    protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
            String attributeValue, IElementTagStructureHandler structureHandler) {
        for (String path : new String[] {WidgetPage.TOKEN_PATH_ATTRIBUTE, WidgetPage.SOURCE_EVENTS_PATH_ATTRIBUTE}) {
            if (tag.hasAttribute(path)) {
                throw new TemplateProcessingException(attributeName.getAttributeName() + ": '" + path + "' is not allowed "
                        + "on a connect button: the routes' paths come only from the bootstrap's <script> (airbyte:widget-script)");
            }
        }
        WidgetPage page = pages.of(context, attributeName.getAttributeName());
        boolean button = "button".equalsIgnoreCase(tag.getElementCompleteName());
        page.connectButtonAttributes().forEach((name, value) -> {
            if (name.equals("type") && (!button || tag.hasAttribute("type"))) {
                return;
            }
            structureHandler.setAttribute(name, EscapedAttributeUtils.escapeAttribute(getTemplateMode(), value));
        });
    }
}
