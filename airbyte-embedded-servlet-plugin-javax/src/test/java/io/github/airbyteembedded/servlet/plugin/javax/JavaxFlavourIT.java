package io.github.airbyteembedded.servlet.plugin.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The javax flavour as the Eclipse Transformer built it: both jars (the core with its JSP tags, and the
 * plugin) refer only to classes, methods and fields that exist in Servlet 4.0 and JSP 2.3 (the APIs of
 * Tomcat 9, on this test's class path), nothing Jakarta is left in them, and their TLD, web-fragment.xml
 * and service file are the javax ones. A method the core starts using from Servlet 5 or 6 fails here,
 * before it fails at runtime on Tomcat 9.
 */
class JavaxFlavourIT {

    /** {@code // Method javax/servlet/http/HttpServletRequest.getHeader:(Ljava/lang/String;)Ljava/lang/String;} in javap -c. */
    private static final Pattern MEMBER = Pattern.compile(
            "// (Method|InterfaceMethod|Field) (javax/servlet/[\\w/$]+)\\.(\"<init>\"|[\\w$]+):(\\S+)");
    private static final Pattern CLASS = Pattern.compile("// class (javax/servlet/[\\w/$]+)");

    private static Path coreJar() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(path -> path.getFileName().toString().matches("airbyte-embedded-servlet-javax-.*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("airbyte-embedded-servlet-javax's jar is not on the class path"));
    }

    private static Path pluginJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("airbyte-embedded-servlet-plugin-javax-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no plugin jar in target/: run mvn verify"));
        }
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }

    private static String javap(Path jar, String... options) throws IOException {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("javap is missing (run on a JDK)"));
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-constants", "-cp", jar.toString()));
        args.addAll(List.of(options));
        args.addAll(classNames(jar));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javap.run(new PrintWriter(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every javax.servlet member the jar's code refers to that Servlet 4.0 / JSP 2.3 lack. */
    private static Set<String> missingFromServlet40(Path jar) throws IOException {
        String code = javap(jar);
        Set<String> missing = new TreeSet<>();
        Matcher classes = CLASS.matcher(code);
        while (classes.find()) {
            if (load(classes.group(1)) == null) {
                missing.add(classes.group(1));
            }
        }
        Matcher members = MEMBER.matcher(code);
        while (members.find()) {
            String owner = members.group(2);
            String name = members.group(3).replace("\"", "");
            String type = members.group(4);
            Class<?> ownerClass = load(owner);
            boolean found = ownerClass != null && (members.group(1).equals("Field")
                    ? hasField(ownerClass, name) : hasMethod(ownerClass, name, type));
            if (!found) {
                missing.add(owner + "." + name + type);
            }
        }
        return missing;
    }

    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, JavaxFlavourIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static boolean hasMethod(Class<?> owner, String name, String descriptor) {
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (MethodType.methodType(void.class, constructor.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        Deque<Class<?>> types = new ArrayDeque<>(List.of(owner, Object.class));
        Set<Class<?>> seen = new java.util.HashSet<>();
        while (!types.isEmpty()) {
            Class<?> type = types.pop();
            if (!seen.add(type)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name) && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                        .toMethodDescriptorString().equals(descriptor)) {
                    return true;
                }
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            Collections.addAll(types, type.getInterfaces());
        }
        return false;
    }

    private static boolean hasField(Class<?> owner, String name) {
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String entry(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            return entry == null ? null : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean mentionsJakarta(String text) {
        return text.contains("jakarta/servlet") || text.contains("jakarta.servlet") || text.contains("jakarta.ee/xml");
    }

    /**
     * What still mentions Jakarta's servlet packages or schemas: resources by their text, classes by what
     * their code, descriptors and signatures refer to. (The transformer leaves the old strings in the
     * constant pool, unreferenced, so the pool itself is not read.)
     */
    private static List<String> jakartaLeftIn(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().endsWith(".class")
                        && mentionsJakarta(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8))) {
                    found.add(entry.getName());
                }
            }
        }
        String[] classes = javap(jar, "-v").split("\nClassfile ");
        for (String type : classes) {
            String referenced = type.replaceAll("(?s)Constant pool:.*?\\n\\{", "{");
            if (mentionsJakarta(referenced)) {
                found.add(referenced.lines().findFirst().orElse("?"));
            }
        }
        return found;
    }

    @Test
    void theCoreAndItsTagsUseOnlyServlet40AndJsp23() throws IOException {
        assertTrue(MEMBER.matcher(javap(coreJar())).results().count() > 40, "javap's references were read");
        assertEquals(Set.of(), missingFromServlet40(coreJar()));
    }

    @Test
    void thePluginUsesOnlyServlet40() throws IOException {
        assertEquals(Set.of(), missingFromServlet40(pluginJar()));
    }

    @Test
    void nothingJakartaIsLeftInEitherJar() throws IOException {
        assertEquals(List.of(), jakartaLeftIn(coreJar()));
        assertEquals(List.of(), jakartaLeftIn(pluginJar()));
        assertTrue(javap(coreJar()).contains("javax/servlet/http/HttpServletRequest"), "the classes were renamed, not emptied");
    }

    @Test
    void theTagLibraryIsAJsp21Descriptor() throws IOException {
        String tld = entry(coreJar(), "META-INF/airbyte-embedded.tld");
        assertNotNull(tld);
        assertTrue(tld.contains("xmlns=\"http://java.sun.com/xml/ns/javaee\"") && tld.contains("web-jsptaglibrary_2_1.xsd")
                && tld.contains("version=\"2.1\""), tld);
        assertTrue(tld.contains("<uri>urn:io.github.airbyteembedded:taglib</uri>"), "the same URI as the Jakarta taglib");
    }

    @Test
    void thePluginHasAServlet40WebFragmentAndAJavaxServiceFile() throws IOException {
        Path plugin = pluginJar();
        String fragment = entry(plugin, "META-INF/web-fragment.xml");
        assertTrue(fragment.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"") && fragment.contains("web-fragment_4_0.xsd")
                && fragment.contains("version=\"4.0\"") && fragment.contains("<name>airbyte_embedded</name>"), fragment);
        assertEquals("io.github.airbyteembedded.servlet.plugin.AirbyteEmbeddedInitializer",
                entry(plugin, "META-INF/services/javax.servlet.ServletContainerInitializer").strip());
        assertNull(entry(plugin, "META-INF/services/jakarta.servlet.ServletContainerInitializer"));
        assertFalse(classNames(plugin).isEmpty());
    }
}
