package io.github.airbyteembedded.thymeleaf;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.util.EscapedAttributeUtils;

/**
 * {@code airbyte:csp-nonce}: sets the element's {@code nonce} to the request's CSP nonce (the one the
 * widget's scripts carry), for the page's own scripts and styles. The attribute's value is not used.
 */
final class CspNonceAttributeProcessor extends AbstractAttributeTagProcessor {

    static final String ATTR_NAME = "csp-nonce";
    static final int PRECEDENCE = AirbyteEmbeddedDialect.PROCESSOR_PRECEDENCE;

    private final Pages pages;

    CspNonceAttributeProcessor(TemplateMode templateMode, String dialectPrefix, Pages pages) {
        super(templateMode, dialectPrefix, null, false, ATTR_NAME, true, PRECEDENCE, true);
        this.pages = pages;
    }

    @Override
    protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
            String attributeValue, IElementTagStructureHandler structureHandler) {
        String nonce = pages.of(context, attributeName.getAttributeName()).nonce();
        structureHandler.setAttribute("nonce", EscapedAttributeUtils.escapeAttribute(getTemplateMode(), nonce));
    }
}
