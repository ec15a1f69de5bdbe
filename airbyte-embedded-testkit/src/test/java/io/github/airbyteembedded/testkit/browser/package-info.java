/**
 * Browser-test support, published in the testkit's test-jar for the other modules' tests: find the
 * system Chromium ({@link io.github.airbyteembedded.testkit.browser.Chromium}), drive it offline with
 * Playwright ({@link io.github.airbyteembedded.testkit.browser.BrowserSession}) and serve host pages on
 * loopback ({@link io.github.airbyteembedded.testkit.browser.LoopbackSite}).
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.github.airbyteembedded</groupId>
 *   <artifactId>airbyte-embedded-testkit</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>com.microsoft.playwright</groupId>
 *   <artifactId>playwright</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
package io.github.airbyteembedded.testkit.browser;
