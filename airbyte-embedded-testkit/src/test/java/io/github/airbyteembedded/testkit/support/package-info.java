/**
 * Test support shared by the modules' tests through the testkit's test-jar: the hand-moved test clock.
 */
package io.github.airbyteembedded.testkit.support;
