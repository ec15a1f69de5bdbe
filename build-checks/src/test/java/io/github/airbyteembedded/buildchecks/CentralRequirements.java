package io.github.airbyteembedded.buildchecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metadata Maven Central requires of a published POM (name, description, url, licence, developers,
 * scm), and the issue tracker, each given by the POM or inherited from a parent: with the project's one
 * home, never with the module's name appended to it by inheritance.
 */
final class CentralRequirements {

    /** The project's home: a repository under the owner of the io.github.airbyteembedded group. */
    static final String HOME = "https://github.com/airbyteembedded/airbyte-embedded-java";

    private CentralRequirements() {
    }

    /**
     * What a POM lacks.
     *
     * @param chain the POM, then its parent, then the parent's parent, as far as they are known
     */
    static List<String> problems(List<Pom> chain) {
        Pom pom = chain.get(0);
        List<String> problems = new ArrayList<>();
        for (String own : List.of("name", "description")) {
            if (pom.text(own).isEmpty()) {
                problems.add("no <" + own + "> of its own");
            }
        }
        expect(problems, chain, "url", HOME, "child.project.url.inherit.append.path", "");
        expect(problems, chain, "scm/url", HOME, "child.scm.url.inherit.append.path", "scm");
        expect(problems, chain, "scm/connection", "scm:git:" + HOME + ".git", "child.scm.connection.inherit.append.path", "scm");
        expect(problems, chain, "issueManagement/url", HOME + "/issues", null, null);
        expect(problems, chain, "licenses/license/name", "Apache-2.0", null, null);
        expect(problems, chain, "licenses/license/url", "https://www.apache.org/licenses/LICENSE-2.0.txt", null, null);
        if (first(chain, "developers/developer/name").isEmpty()) {
            problems.add("no developers/developer/name");
        }
        return problems;
    }

    private static void expect(List<String> problems, List<Pom> chain, String path, String expected, String appendAttribute,
            String attributeElement) {
        Optional<Pom> definer = chain.stream().filter(pom -> pom.text(path).isPresent()).findFirst();
        if (definer.isEmpty()) {
            problems.add("no " + path);
            return;
        }
        String value = definer.get().text(path).orElseThrow();
        if (!value.equals(expected)) {
            problems.add(path + " is " + value + ", not " + expected);
        }
        if (appendAttribute != null && definer.get() != chain.get(0)
                && !"false".equals(definer.get().attribute(attributeElement, appendAttribute).orElse("true"))) {
            problems.add(path + " is inherited with the artifactId appended (" + appendAttribute + " is not false in the parent)");
        }
    }

    private static Optional<String> first(List<Pom> chain, String path) {
        return chain.stream().map(pom -> pom.text(path)).flatMap(Optional::stream).findFirst();
    }
}
