package io.github.airbyteembedded.examples.legacywar.containers;

/** A servlet container running in its own process, with the example WARs deployed. */
interface StandaloneContainer extends AutoCloseable {

    /** Where the browser reaches it, such as {@code http://127.0.0.1:40123}. */
    String origin();

    /** Its process, for its log. */
    ContainerProcess process();

    @Override
    void close();
}
