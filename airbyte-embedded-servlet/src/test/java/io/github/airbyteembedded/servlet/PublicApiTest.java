package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of this jar, as users can reach it: every public or protected type outside the
 * {@code internal} packages and its public or protected members, compared with {@code public-api.txt}
 * (a test resource). A change to the API fails here until the listing is updated, so that the API
 * grows only on purpose; the failure prints the current listing, which is also written to {@code
 * target/public-api.txt}.
 */
class PublicApiTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final String LISTING = "public-api.txt";

    @Test
    void thePublicApiIsTheListedOne() {
        List<String> current = listing();
        assertFalse(current.isEmpty(), "no classes found under " + CLASSES.toAbsolutePath());
        Path written = Path.of("target", LISTING);
        try {
            Files.write(written, current, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(String.join("\n", expected()), String.join("\n", current),
                "The public API changed. If that is deliberate, copy " + written + " (the current listing, printed "
                        + "here) to src/test/resources/io/github/airbyteembedded/servlet/" + LISTING + ":\n"
                        + String.join("\n", current) + "\n");
    }

    /** One line per public type and per public or protected member, sorted. */
    static List<String> listing() {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            lines.add(type.getName() + " " + kind(type));
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                add(lines, type, constructor, constructor.toGenericString());
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic() && !method.isBridge()) {
                    add(lines, type, method, method.toGenericString());
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (!field.isSynthetic()) {
                    add(lines, type, field, field.toGenericString());
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static void add(TreeSet<String> lines, Class<?> type, Member member, String signature) {
        int modifiers = member.getModifiers();
        boolean reachable = Modifier.isPublic(modifiers) || (Modifier.isProtected(modifiers) && !Modifier.isFinal(type.getModifiers()));
        if (reachable) {
            lines.add(type.getName() + " :: " + signature);
        }
    }

    private static String kind(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        return Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE) + " " + kind;
    }

    /** Public types, nested ones included when every enclosing type is public too, outside internal packages. */
    private static List<Class<?>> publicTypes() {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.contains(".internal.") || name.matches(".*\\$\\d.*")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isReachable(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return types;
    }

    private static boolean isReachable(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> expected() {
        try (InputStream in = PublicApiTest.class.getResourceAsStream(LISTING)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
