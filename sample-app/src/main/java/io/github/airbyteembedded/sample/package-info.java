/**
 * A Spring Boot app that embeds the Airbyte widget for two users, alice and bob.
 *
 * <p>In its default profile it starts the local emulator on port 8181 and uses it, so it runs with
 * no Airbyte account and no network. The {@code airbyte} profile uses the real service with the
 * credentials from the environment.
 */
package io.github.airbyteembedded.sample;
