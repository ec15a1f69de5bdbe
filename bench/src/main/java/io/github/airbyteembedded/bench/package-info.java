/**
 * Benchmarks of the token route (not part of the library, not run in CI): a load driver with the
 * throughput, burst, isolation and heap scenarios, a blocking baseline servlet modelled on the
 * vendor's Node.js example, and a JMH benchmark of the filter's pass-through cost. Entry point:
 * {@link io.github.airbyteembedded.bench.BenchMain}; commands in {@code bench/README.md}.
 */
package io.github.airbyteembedded.bench;
