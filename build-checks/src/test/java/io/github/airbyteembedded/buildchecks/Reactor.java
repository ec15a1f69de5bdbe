package io.github.airbyteembedded.buildchecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modules of the build as its POMs declare them, from the root's {@code <modules>} down; which of them
 * are published (every one that does not set {@code maven.deploy.skip}, which also keeps it out of the
 * Central bundle), and the metadata each inherits from the parents in the repository.
 */
final class Reactor {

    /** One module: its directory and POM. */
    record Module(Path directory, Pom pom) {

        String artifactId() {
            return pom.artifactId();
        }
    }

    private final Path root;
    private final Map<String, Module> modules = new LinkedHashMap<>();

    private Reactor(Path root) {
        this.root = root;
        add(root);
    }

    /** The repository of this build: the directory the build passes as {@code repository.root}. */
    static Reactor ofThisRepository() {
        return of(Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize());
    }

    static Reactor of(Path root) {
        return new Reactor(root);
    }

    Path root() {
        return root;
    }

    private void add(Path directory) {
        Pom pom = Pom.read(directory.resolve("pom.xml"));
        modules.put(pom.artifactId(), new Module(directory, pom));
        for (String module : pom.texts("modules/module")) {
            Path child = directory.resolve(module).normalize();
            if (Files.isRegularFile(child.resolve("pom.xml"))) {
                add(child);
            }
        }
    }

    List<Module> modules() {
        return List.copyOf(modules.values());
    }

    /** The published modules, in the build's order: the ones that do not set maven.deploy.skip. */
    List<Module> published() {
        List<Module> published = new ArrayList<>();
        for (Module module : modules.values()) {
            if (!"true".equals(inherited(module, "properties/maven.deploy.skip").orElse("false"))) {
                published.add(module);
            }
        }
        return published;
    }

    /** The POM of a module's parent when the parent is in this repository. */
    Optional<Module> parent(Module module) {
        return module.pom().parentArtifactId().map(modules::get)
                .filter(parent -> parent.directory().equals(module.directory().resolve(module.pom().parentDirectory()).normalize()));
    }

    /** The value of an element in the module's POM or, when it has none, in its nearest parent's that has one. */
    Optional<String> inherited(Module module, String path) {
        return definer(module, path).flatMap(definer -> definer.pom().text(path));
    }

    /** The module whose POM gives an element to this one: itself or its nearest parent that has it. */
    Optional<Module> definer(Module module, String path) {
        for (Optional<Module> current = Optional.of(module); current.isPresent(); current = parent(current.get())) {
            if (current.get().pom().text(path).isPresent()) {
                return current;
            }
        }
        return Optional.empty();
    }
}
