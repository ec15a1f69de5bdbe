package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.buildchecks.Reactor.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The POMs of the repository, as written: every published module has the metadata Maven Central requires,
 * and the BOM pins every published artifact. ReleaseBundleIT checks the same in the bundle a release build
 * writes; this test says it in a second, with no build.
 */
class PublishedPomsTest {

    private final Reactor reactor = Reactor.ofThisRepository();

    @Test
    void everyPublishedPomHasTheMetadataCentralRequires() {
        List<String> problems = new ArrayList<>();
        for (Module module : reactor.published()) {
            List<Pom> chain = new ArrayList<>();
            for (Optional<Module> current = Optional.of(module); current.isPresent(); current = reactor.parent(current.get())) {
                chain.add(current.get().pom());
            }
            CentralRequirements.problems(chain).forEach(problem -> problems.add(module.artifactId() + ": " + problem));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theBomPinsEveryPublishedArtifactAndNothingElse() {
        Module bom = module("airbyte-embedded-bom");
        assertTrue(bom.pom().parentArtifactId().isEmpty(), "the BOM has no parent, so that importing it brings no third-party versions");
        Set<String> published = new TreeSet<>();
        for (Module module : reactor.published()) {
            if (!module.pom().packaging().equals("pom")) {
                published.add(module.artifactId());
            }
        }
        Set<String> pinned = new TreeSet<>();
        for (Pom dependency : bom.pom().elements("dependencyManagement/dependencies/dependency")) {
            assertEquals("io.github.airbyteembedded", dependency.text("groupId").orElse(""), "the BOM pins only this project's artifacts");
            assertEquals("${project.version}", dependency.text("version").orElse(""), dependency.text("artifactId") + "'s version");
            pinned.add(dependency.text("artifactId").orElseThrow());
        }
        assertEquals(published, pinned, "the published jar modules (those without maven.deploy.skip) and the BOM's entries");
    }

    @Test
    void theModulesThatAreNotPublishedAreTheSampleTheBenchmarksTheFuzzTestsTheExamplesAndTheseChecks() {
        Set<String> unpublished = new TreeSet<>();
        for (Module module : reactor.modules()) {
            if (!reactor.published().contains(module)) {
                unpublished.add(module.artifactId());
            }
        }
        for (String artifactId : unpublished) {
            assertTrue(Set.of("sample-app", "airbyte-embedded-bench", "airbyte-embedded-fuzz", "build-checks").contains(artifactId)
                    || reactor.modules().stream().filter(module -> module.artifactId().equals(artifactId))
                            .anyMatch(module -> reactor.root().relativize(module.directory()).startsWith("examples")),
                    artifactId + " is not published; is that meant? (it sets maven.deploy.skip)");
        }
        assertTrue(unpublished.containsAll(Set.of("sample-app", "airbyte-embedded-bench", "build-checks", "legacy-war")), unpublished::toString);
    }

    private Module module(String artifactId) {
        return reactor.modules().stream().filter(module -> module.artifactId().equals(artifactId)).findFirst()
                .orElseThrow(() -> new AssertionError(artifactId + " is not a module of the build"));
    }
}
