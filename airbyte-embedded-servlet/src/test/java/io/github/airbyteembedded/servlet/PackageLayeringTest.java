package io.github.airbyteembedded.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The direction of the dependencies between the packages of this jar, as the compiled classes have them:
 * the page side ({@code page}, {@code page.internal}, {@code jsp}) depends on the core (the root
 * package and {@code internal.*}), never the other way round, and the implementation packages of the
 * core do not depend on each other in a cycle. The core finds the page side's bootstrap-script route
 * with {@link java.util.ServiceLoader} ({@code internal.pipeline.PageAssets}) instead of naming it.
 */
class PackageLayeringTest {

    private static final String ROOT = "io.github.airbyteembedded.servlet";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theCoreNeverDependsOnThePageSide() {
        noClasses().that().resideInAnyPackage(ROOT, ROOT + ".internal..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".page..", ROOT + ".jsp..")
                .because("dependencies point one way: page -> core")
                .check(CLASSES);
    }

    @Test
    void thePageSideDoesNotDependOnTheJspTags() {
        noClasses().that().resideInAnyPackage(ROOT + ".page..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".jsp..")
                .because("the JSP tags are a thin adapter over the page side, like the Thymeleaf dialect")
                .check(CLASSES);
    }

    @Test
    void theCoresImplementationPackagesHaveNoCycle() {
        slices().matching(ROOT + ".internal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theUpstreamClientAndTheStatisticsKnowNothingOfTheRequestPipeline() {
        noClasses().that().resideInAnyPackage(ROOT + ".internal.upstream..", ROOT + ".internal.stats..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".internal.pipeline..", ROOT + ".internal.settings..")
                .check(CLASSES);
    }

    @Test
    void theStatisticsDependOnNoOtherImplementationPackage() {
        noClasses().that().resideInAnyPackage(ROOT + ".internal.stats..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".internal.upstream..", ROOT + ".internal.pipeline..",
                        ROOT + ".internal.settings..")
                .check(CLASSES);
    }
}
