package io.github.airbyteembedded.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PassThroughBenchmark} with JMH (its own forked JVMs) and prints the two scores and
 * their difference. {@code java -jar benchmarks.jar jmh ...} runs JMH's own command line instead.
 */
final class PassThroughScenario implements Scenario {

    private final int forks;
    private final int warmupIterations;
    private final int iterations;

    PassThroughScenario(Options options) {
        this.forks = options.integer("forks", 2);
        this.warmupIterations = options.integer("warmup-iterations", 5);
        this.iterations = options.integer("iterations", 5);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        out.printf("## 4. Pass-through cost of the filter (JMH)%n%n");
        out.printf("AirbyteEmbeddedFilter.doFilter on GET /orders/42/items vs calling the chain directly; hand-written "
                + "request/response stubs; JMH average time, %d fork(s) x %d warm-up + %d measured 1-second iterations.%n%n",
                forks, warmupIterations, iterations);
        out.flush();
        Collection<org.openjdk.jmh.results.RunResult> results = new Runner(new OptionsBuilder()
                .include(Pattern.quote(PassThroughBenchmark.class.getName()) + "\\..*")
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .build()).run();
        Map<String, Result<?>> scores = new HashMap<>();
        for (org.openjdk.jmh.results.RunResult result : results) {
            String method = result.getParams().getBenchmark();
            scores.put(method.substring(method.lastIndexOf('.') + 1), result.getPrimaryResult());
        }
        Result<?> direct = scores.get("chainDirectly");
        Result<?> filtered = scores.get("throughFilter");
        Table table = new Table("benchmark", "ns/op", "± (99.9% CI)", "unit");
        for (Result<?> score : new Result<?>[] {direct, filtered}) {
            table.row(score == direct ? "chain directly (no filter)" : "through AirbyteEmbeddedFilter",
                    score.getScore(), score.getScoreError(), score.getScoreUnit());
        }
        table.row("difference (filter cost)", filtered.getScore() - direct.getScore(),
                filtered.getScoreError() + direct.getScoreError(), filtered.getScoreUnit());
        out.println();
        table.print(out);
    }
}
