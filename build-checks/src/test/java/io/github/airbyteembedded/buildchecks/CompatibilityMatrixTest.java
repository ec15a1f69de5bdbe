package io.github.airbyteembedded.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import org.junit.jupiter.api.Test;

/** How the compatibility matrix reads which Spring Boot a test ran with. */
class CompatibilityMatrixTest {

    @Test
    void theSpringBootVersionIsTheOneOfTheSpringBootJarOnTheTestClassPath() {
        String classPath = String.join(File.pathSeparator, "/repo/sample-app/target/test-classes",
                "/m2/org/springframework/boot/spring-boot-autoconfigure/4.1.2/spring-boot-autoconfigure-4.1.2.jar",
                "/m2/org/springframework/boot/spring-boot/4.0.9/spring-boot-4.0.9.jar",
                "/m2/org/springframework/boot/spring-boot-test/4.1.2/spring-boot-test-4.1.2.jar");

        assertEquals("4.0.9", CompatibilityMatrix.springBootOnClassPath(classPath));
    }

    @Test
    void aMilestoneOfSpringBootKeepsItsQualifier() {
        assertEquals("4.2.0-M1", CompatibilityMatrix.springBootOnClassPath("/m2/spring-boot-4.2.0-M1.jar"));
    }

    @Test
    void aClassPathWithoutSpringBootSaysNone() {
        assertEquals("none", CompatibilityMatrix.springBootOnClassPath(String.join(File.pathSeparator, "/repo/target/classes",
                "/m2/jakarta/servlet/jakarta.servlet-api/6.1.0/jakarta.servlet-api-6.1.0.jar")));
    }

    @Test
    void twoSpringBootJarsAreBothNamed() {
        assertEquals("4.0.9+4.1.2", CompatibilityMatrix.springBootOnClassPath(String.join(File.pathSeparator, "/m2/spring-boot-4.1.2.jar",
                "/m2/spring-boot-4.0.9.jar")));
    }
}
