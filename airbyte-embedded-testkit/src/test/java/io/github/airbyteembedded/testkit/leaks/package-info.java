/**
 * The leak scanner of the test suites, published in the testkit's test-jar: every test run of a module
 * that has the test-jar on its test class path and the configuration parameter {@code
 * io.github.airbyteembedded.leakScan.enabled=true} (this build's surefire and failsafe set it) captures the logs, the console, the routes' error bodies
 * and the tests' failures ({@link io.github.airbyteembedded.testkit.leaks.CapturedOutput}), and fails a
 * test class in whose output the client secret or a token the emulator issued appears ({@link
 * io.github.airbyteembedded.testkit.leaks.LeakCheckExtension}). The totals of each run go to {@code
 * target/leak-scan.txt}.
 */
package io.github.airbyteembedded.testkit.leaks;
