package io.github.airbyteembedded.bench;

import java.io.PrintStream;

/** One benchmark, run by {@link BenchMain}; it reads its options when constructed and prints tables. */
interface Scenario {

    /** Runs the scenario and prints its settings and result tables to {@code out}. */
    void run(PrintStream out) throws Exception;
}
