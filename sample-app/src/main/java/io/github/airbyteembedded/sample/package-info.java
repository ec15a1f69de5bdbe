/**
 * A Spring Boot app that embeds the Airbyte widget for two users, alice and bob, with the starter and
 * {@code airbyte.embedded.*} properties only.
 *
 * <p>The home page (a Thymeleaf template through the {@code airbyte:} dialect, under a strict
 * Content-Security-Policy with a per-request nonce) has a "Connect your data" button and lists the
 * signed-in user's connected sources, read on the server for that user's workspace; it refreshes the
 * list when the server confirms a new source, and disconnects one through the filter's route. In its
 * default profile the app starts the local emulator on port 8181 and uses it, so it runs with no
 * Airbyte account and no network; the {@code airbyte} profile uses the real service with credentials
 * from the environment.
 */
package io.github.airbyteembedded.sample;
