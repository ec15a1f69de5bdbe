/**
 * JUnit Jupiter support: {@link io.github.airbyteembedded.testkit.junit.AirbyteEmulatorExtension} starts
 * an emulator per test class (or per test) and injects it.
 *
 * <pre>{@code
 * @ExtendWith(AirbyteEmulatorExtension.class)
 * class MyTest {
 *     @Test void works(AirbyteEmulator emulator) { ... }
 * }
 * }</pre>
 */
package io.github.airbyteembedded.testkit.junit;
