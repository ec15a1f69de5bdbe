package io.github.airbyteembedded.servlet.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TldVersionTest {

    private static Document tld() throws Exception {
        try (InputStream in = TldVersionTest.class.getResourceAsStream("/META-INF/airbyte-embedded.tld")) {
            assertNotNull(in, "META-INF/airbyte-embedded.tld is in the jar");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().strip();
    }

    @Test
    void tlibVersionIsTheBuildsVersion() throws Exception {
        String projectVersion = System.getProperty("project.version");
        assertNotNull(projectVersion, "the build passes project.version to the tests");
        String release = projectVersion.replaceFirst("-.*$", "");

        assertEquals(release, text(tld().getDocumentElement(), "tlib-version"));
    }

    @Test
    void declaresTheJakartaSchemaThePermanentUriAndTheShortName() throws Exception {
        Element root = tld().getDocumentElement();
        assertEquals("https://jakarta.ee/xml/ns/jakartaee", root.getNamespaceURI());
        assertEquals("3.0", root.getAttribute("version"));
        assertEquals("urn:io.github.airbyteembedded:taglib", text(root, "uri"));
        assertEquals("airbyte", text(root, "short-name"));
    }

    @Test
    void everyTagClassIsAFinalSimpleTagWithADescription() throws Exception {
        NodeList tags = tld().getElementsByTagNameNS("*", "tag");
        assertEquals(3, tags.getLength());
        for (int i = 0; i < tags.getLength(); i++) {
            Element tag = (Element) tags.item(i);
            Class<?> type = Class.forName(text(tag, "tag-class"));
            assertTrue(SimpleTagSupport.class.isAssignableFrom(type), type.getName());
            assertTrue(Modifier.isFinal(type.getModifiers()) && Modifier.isPublic(type.getModifiers()), type.getName());
            assertTrue(!text(tag, "description").isEmpty(), type.getName());
        }
    }
}
