package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.airbyteembedded.buildchecks.Reactor.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Maven fragments the documentation shows ({@value #SNIPPETS}, regions compared with the pages by
 * {@link DocSnippetsTest}) name what the build has: every artifact of ours is a published module, in the
 * build's version when a version is given, and every other artifact is in the version the build uses.
 */
class DependencySnippetsTest {

    static final String SNIPPETS = "build-checks/src/test/resources/snippets/dependencies.xml";
    private static final String GROUP = "io.github.airbyteembedded";

    private final Reactor reactor = Reactor.ofThisRepository();

    @Test
    void everyDependencyTheDocsShowIsOneTheBuildHas() {
        Pom root = reactor.modules().get(0).pom();
        String version = root.text("version").orElseThrow();
        Set<String> published = reactor.published().stream().map(Module::artifactId).collect(Collectors.toSet());
        List<Pom> dependencies = new ArrayList<>(snippets().elements("dependencies/dependency"));
        dependencies.addAll(snippets().elements("bom/dependencyManagement/dependencies/dependency"));
        assertFalse(dependencies.isEmpty(), "the fragments hold dependencies");
        List<String> problems = new ArrayList<>();
        for (Pom dependency : dependencies) {
            String group = dependency.text("groupId").orElse("");
            String artifact = dependency.text("artifactId").orElse("");
            Optional<String> shown = dependency.text("version");
            if (group.equals(GROUP)) {
                if (!published.contains(artifact)) {
                    problems.add(artifact + " is not a published module");
                }
                if (shown.isPresent() && !shown.get().equals(version)) {
                    problems.add(artifact + " is shown in " + shown.get() + ", the build is " + version);
                }
            } else {
                Optional<String> managed = managedVersion(root, group, artifact);
                if (managed.isEmpty()) {
                    problems.add(group + ":" + artifact + " is not managed by the root POM");
                } else if (shown.isPresent() && !shown.equals(managed)) {
                    problems.add(group + ":" + artifact + " is shown in " + shown.get() + ", the build uses " + managed.get());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private Pom snippets() {
        return Pom.read(reactor.root().resolve(Path.of(SNIPPETS)));
    }

    /** The version the root POM manages for an artifact, its property resolved. */
    private static Optional<String> managedVersion(Pom root, String group, String artifact) {
        return root.elements("dependencyManagement/dependencies/dependency").stream()
                .filter(managed -> managed.text("groupId").orElse("").equals(group) && managed.text("artifactId").orElse("").equals(artifact))
                .findFirst()
                .flatMap(managed -> managed.text("version"))
                .map(value -> value.startsWith("${") ? root.text("properties/" + value.substring(2, value.length() - 1)).orElse(value) : value);
    }
}
