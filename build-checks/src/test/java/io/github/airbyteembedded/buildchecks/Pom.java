package io.github.airbyteembedded.buildchecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** A POM as written (not the effective model): its elements read by path, such as {@code scm/url}. */
final class Pom {

    private final Element project;

    private Pom(Element project) {
        this.project = project;
    }

    static Pom read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    static Pom read(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            return new Pom(document.getDocumentElement());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a POM: " + e.getMessage(), e);
        }
    }

    String artifactId() {
        return text("artifactId").orElseThrow();
    }

    String packaging() {
        return text("packaging").orElse("jar");
    }

    Optional<String> parentArtifactId() {
        return text("parent/artifactId");
    }

    /** The relative path to the parent's directory (Maven's default, {@code ..}, when not given). */
    String parentDirectory() {
        return text("parent/relativePath").map(path -> path.endsWith("pom.xml") ? path.substring(0, path.length() - 7) : path)
                .orElse("..");
    }

    /** The trimmed text of the element at a path of child names, when it is there and not blank. */
    Optional<String> text(String path) {
        return element(path).map(Node::getTextContent).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** An attribute of the element at a path ({@code ""} for the project element). */
    Optional<String> attribute(String path, String name) {
        return (path.isEmpty() ? Optional.of(project) : element(path)).map(element -> element.getAttribute(name))
                .filter(value -> !value.isEmpty());
    }

    /** The texts of the elements at a path under the project, such as every {@code modules/module}. */
    List<String> texts(String path) {
        List<Element> parents = new ArrayList<>(List.of(project));
        String[] names = path.split("/");
        for (int i = 0; i < names.length - 1; i++) {
            List<Element> next = new ArrayList<>();
            for (Element parent : parents) {
                next.addAll(children(parent, names[i]));
            }
            parents = next;
        }
        List<String> texts = new ArrayList<>();
        for (Element parent : parents) {
            for (Element child : children(parent, names[names.length - 1])) {
                texts.add(child.getTextContent().strip());
            }
        }
        return texts;
    }

    /** The elements at a path, such as every {@code dependencyManagement/dependencies/dependency}. */
    List<Pom> elements(String path) {
        int last = path.lastIndexOf('/');
        Optional<Element> parent = last < 0 ? Optional.of(project) : element(path.substring(0, last));
        return parent.map(element -> children(element, path.substring(last + 1)).stream().map(Pom::new).toList()).orElse(List.of());
    }

    private Optional<Element> element(String path) {
        Element current = project;
        for (String name : path.split("/")) {
            List<Element> children = children(current, name);
            if (children.isEmpty()) {
                return Optional.empty();
            }
            current = children.get(0);
        }
        return Optional.of(current);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName() == null ? element.getTagName() : element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }
}
