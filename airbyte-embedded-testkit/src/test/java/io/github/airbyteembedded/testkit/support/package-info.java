/**
 * Test support shared by the modules' tests through the testkit's test-jar: the hand-moved test clock, and a
 * real Redis process for the tests of the shared rate-limit store.
 */
package io.github.airbyteembedded.testkit.support;
