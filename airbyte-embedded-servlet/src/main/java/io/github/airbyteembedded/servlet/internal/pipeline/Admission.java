package io.github.airbyteembedded.servlet.internal.pipeline;

/**
 * Whether a request may start a call to Airbyte now: the bound on the work waiting on Airbyte. {@link
 * UpstreamCall} asks it before every call and tells it when the call ended; what it does meanwhile (a
 * counter today, {@link UpstreamPermits}) is the implementation's business.
 */
public interface Admission {

    /**
     * Admits one call, or refuses it at once.
     *
     * @return whether the call may start; when it may, {@link #release()} must follow once it ended
     */
    boolean tryAcquire();

    /** Ends an admitted call. */
    void release();

    /** How many admitted calls have not ended, for the statistics. */
    int inFlight();
}
