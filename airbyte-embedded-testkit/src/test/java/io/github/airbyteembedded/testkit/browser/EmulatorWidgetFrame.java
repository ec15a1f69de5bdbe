package io.github.airbyteembedded.testkit.browser;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import java.util.Objects;

/**
 * Drives the emulator's widget page inside a host page's widget dialog, as a user would: wait until it
 * is authenticated, pick a connector, fill its form, submit.
 *
 * <pre>{@code
 * page.click("#connect");
 * EmulatorWidgetFrame.in(page).awaitReady()
 *         .pick("github")
 *         .fill("personal_access_token", "ghp_token")
 *         .fill("repositories", "octo/hello")
 *         .submit();
 * }</pre>
 *
 * <p>The selectors are the emulator page's documented hooks: {@code body[data-state]}, {@code
 * .template-option[data-connector-name]}, {@code #field-<property>} and {@code #submit-source}.
 *
 * @since 0.1.0
 */
public final class EmulatorWidgetFrame {

    /** The iframe the widget script builds inside its dialog. */
    public static final String FRAME_SELECTOR = "dialog.airbyte-widget-dialog-wrapper iframe";

    private final FrameLocator frame;

    private EmulatorWidgetFrame(FrameLocator frame) {
        this.frame = frame;
    }

    /**
     * Returns the widget frame of a page whose widget was constructed.
     *
     * @param page the host page
     * @return the frame driver
     */
    public static EmulatorWidgetFrame in(Page page) {
        return new EmulatorWidgetFrame(Objects.requireNonNull(page, "page").frameLocator(FRAME_SELECTOR));
    }

    /**
     * Returns the Playwright frame locator, for assertions beyond this driver.
     *
     * @return the frame locator
     */
    public FrameLocator frame() {
        return frame;
    }

    /**
     * Waits until the page has verified its token and lists the connectors.
     *
     * @return this driver
     */
    public EmulatorWidgetFrame awaitReady() {
        frame.locator("body[data-state='ready']").waitFor();
        return this;
    }

    /**
     * Picks a connector by its connector name, such as {@code github}, and waits for its form.
     *
     * @param connectorName the template's connector name
     * @return this driver
     */
    public EmulatorWidgetFrame pick(String connectorName) {
        frame.locator(".template-option[data-connector-name='" + connectorName + "']").click();
        frame.locator("body[data-state='form']").waitFor();
        return this;
    }

    /**
     * Fills one field of the connector's form.
     *
     * @param property the spec property, such as {@code personal_access_token}
     * @param value the value; exactly {@code invalid} makes the emulator's check fail
     * @return this driver
     */
    public EmulatorWidgetFrame fill(String property, String value) {
        frame.locator("#field-" + property).fill(value);
        return this;
    }

    /** Submits the form: the emulator checks the values, then creates the source. */
    public void submit() {
        frame.locator("#submit-source").click();
    }
}
