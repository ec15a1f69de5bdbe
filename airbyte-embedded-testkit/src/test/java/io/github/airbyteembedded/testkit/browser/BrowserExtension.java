package io.github.airbyteembedded.testkit.browser;

import com.microsoft.playwright.BrowserContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The browser of a browser test: one headless Chromium ({@link BrowserSession}, the system's, with the
 * flags of {@link BrowserSession#CHROMIUM_ARGS}) for the test class, and a fresh {@link BrowserContext}
 * (its own cookies and storage) for each test, closed after it. Test methods, {@code @BeforeEach} and
 * {@code @AfterEach} methods take either as a parameter. Without Chromium the class fails on CI and is
 * skipped elsewhere, as {@link BrowserSession#launch()} says.
 *
 * <pre>{@code
 * @ExtendWith(BrowserExtension.class)
 * class PageBrowserIT {
 *     @Test
 *     void opensThePage(BrowserContext context) {
 *         Page page = context.newPage();
 *         page.navigate("http://127.0.0.1:" + port + "/");
 *     }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);
    private static final String SESSION = "session";
    private static final String CONTEXT = "context";

    /** Creates the extension; JUnit does, through {@code @ExtendWith}. */
    public BrowserExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        extension.getStore(NAMESPACE).put(SESSION, BrowserSession.launch());
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        BrowserSession session = extension.getStore(NAMESPACE).remove(SESSION, BrowserSession.class);
        if (session != null) {
            session.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        extension.getStore(NAMESPACE).put(CONTEXT, session(extension).newContext());
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        BrowserContext context = extension.getStore(NAMESPACE).remove(CONTEXT, BrowserContext.class);
        if (context != null) {
            context.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == BrowserContext.class || type == BrowserSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        if (parameter.getParameter().getType() == BrowserSession.class) {
            return session(extension);
        }
        return extension.getStore(NAMESPACE).get(CONTEXT, BrowserContext.class);
    }

    private static BrowserSession session(ExtensionContext extension) {
        return extension.getStore(NAMESPACE).get(SESSION, BrowserSession.class);
    }
}
