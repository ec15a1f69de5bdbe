/**
 * How the settings of Airbyte Embedded are read (implementation, no compatibility promise): web.xml
 * init-params, the in-process development emulator ({@code emulator=true}), and the page settings the
 * running integration resolves at startup and learns from the tokens it mints.
 */
package io.github.airbyteembedded.servlet.internal.settings;
