package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.buildchecks.CompatibilityMatrix.Cell;
import io.github.airbyteembedded.buildchecks.CompatibilityMatrix.Result;
import io.github.airbyteembedded.buildchecks.CompatibilityMatrix.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The README's compatibility table claims only what the compatibility matrix ran and passed: it is the
 * table generated from the committed results ({@value CompatibilityMatrix#RESULTS}), every cell of the
 * matrix has a passing row there, and each row is for the versions the build uses now (a version bumped in
 * a POM without running the matrix again fails here). To refresh: {@code scripts/compatibility-matrix}.
 */
class CompatibilityTableTest {

    private final Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    @Test
    void theReadmesCompatibilityTableIsTheOneTheResultsGive() throws IOException {
        String generated = CompatibilityMatrix.table(CompatibilityMatrix.readResults(root));
        List<String> lines = Files.readAllLines(root.resolve(CompatibilityMatrix.README), StandardCharsets.UTF_8);
        int start = lines.indexOf(CompatibilityMatrix.START);
        int end = lines.indexOf(CompatibilityMatrix.END);
        String documented = start < 0 || end < start ? "(no " + CompatibilityMatrix.START + " ... " + CompatibilityMatrix.END + " in README.md)"
                : String.join("\n", lines.subList(start + 1, end));
        assertEquals(generated, documented, "README.md's compatibility table is not the results' (" + CompatibilityMatrix.RESULTS
                + "); run scripts/compatibility-matrix, or put this between the markers:\n" + generated + "\n");
    }

    @Test
    void everyCellOfTheMatrixHasAPassingRun() throws IOException {
        List<Result> results = CompatibilityMatrix.readResults(root);
        List<String> missing = new ArrayList<>();
        for (Run run : CompatibilityMatrix.RUNS) {
            for (Cell cell : run.cells()) {
                Optional<Result> result = row(results, run, cell);
                if (result.isEmpty() || !result.get().passed()) {
                    missing.add(run.id() + " / " + cell.id() + ": " + result.map(row -> row.get("result")).orElse("never ran"));
                }
            }
        }
        assertEquals(List.of(), missing, "cells of the matrix without a passing run in " + CompatibilityMatrix.RESULTS
                + " (scripts/compatibility-matrix RUN runs one again)");
    }

    @Test
    void everyRowIsForTheJdkAndTheVersionsTheBuildUsesNow() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Result result : CompatibilityMatrix.readResults(root)) {
            Optional<Run> run = CompatibilityMatrix.RUNS.stream().filter(known -> known.id().equals(result.get("run"))).findFirst();
            Optional<Cell> cell = run.flatMap(known -> known.cells().stream().filter(candidate -> candidate.id().equals(result.get("cell"))).findFirst());
            if (cell.isEmpty()) {
                stale.add(result.get("run") + " / " + result.get("cell") + ": no longer a cell of the matrix");
                continue;
            }
            String version = cell.get().versionProperty() + "=" + CompatibilityMatrix.expectedVersion(root, run.get(), cell.get());
            if (!result.get("version").equals(version)) {
                stale.add(result.get("run") + " / " + result.get("cell") + ": ran " + result.get("version") + ", the build now has " + version);
            }
            if (!result.get("java").startsWith(run.get().jdk().major + ".") && !result.get("java").equals(run.get().jdk().major)) {
                stale.add(result.get("run") + " / " + result.get("cell") + ": ran on Java " + result.get("java") + ", not " + run.get().jdk().major);
            }
        }
        assertEquals(List.of(), stale, "rows of " + CompatibilityMatrix.RESULTS + " that are not for this build (run the matrix again)");
    }

    private static Optional<Result> row(List<Result> results, Run run, Cell cell) {
        return results.stream().filter(result -> result.get("run").equals(run.id()) && result.get("cell").equals(cell.id())).findFirst();
    }
}
