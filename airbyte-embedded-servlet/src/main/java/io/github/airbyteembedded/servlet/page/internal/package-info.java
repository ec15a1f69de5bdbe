/**
 * The bootstrap script of the page side (implementation, no compatibility promise): the script shipped
 * in this jar, read once with its content-hashed path and integrity, and the route that serves it,
 * which the filter finds as its {@code PageAssets} through {@code META-INF/services}.
 */
package io.github.airbyteembedded.servlet.page.internal;
