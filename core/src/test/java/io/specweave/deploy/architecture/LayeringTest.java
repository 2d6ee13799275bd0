package io.specweave.deploy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of core, from the bottom (ARCHITECTURE.md): the base package, the record model,
 * settings and files, the adapters, the application layer, the renderers. Imports point down only,
 * and no two packages depend on each other.
 */
class LayeringTest {

    static final String BASE = "io.specweave.deploy";

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    /** The layers of {@code classes}; the same rule checks the real code and a test's broken example. */
    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Base").definedBy(BASE)
                .layer("Model").definedBy(BASE + ".model..")
                .layer("Files").definedBy(BASE + ".config..", BASE + ".increment..", BASE + ".http..",
                        BASE + ".flags..")
                .layer("Adapters").definedBy(BASE + ".tracker..", BASE + ".health..", BASE + ".results..",
                        BASE + ".suite..", BASE + ".ci..", BASE + ".metrics..", BASE + ".status..", BASE + ".dora..")
                .layer("Application").definedBy(BASE + ".app..")
                .layer("Renderers").definedBy(BASE + ".report..")
                .whereLayer("Renderers").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Renderers")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Application", "Renderers", "Adapters")
                .whereLayer("Files").mayOnlyBeAccessedByLayers("Adapters", "Application", "Renderers", "Files")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Files", "Adapters", "Application", "Renderers")
                .ensureAllClassesAreContainedInArchitecture();
    }

    static ArchRule noCycles() {
        return slices().matching(BASE + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void importsPointDownTheLayersOnly() {
        layers().check(core);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        noCycles().check(core);
    }

    @Test
    void theRulesRefuseACycleAndAnUpwardImport() {
        JavaClasses cycle = new ClassFileImporter().importPackages(BASE + ".architecture.broken");
        assertThatThrownBy(() -> noCycles().check(cycle)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        JavaClasses upward = new ClassFileImporter().importClasses(io.specweave.deploy.app.Operations.class,
                loadExample());
        assertThatThrownBy(() -> layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Model").definedBy(BASE + ".model..")
                .layer("Application").definedBy(BASE + ".app..")
                .whereLayer("Application").mayNotBeAccessedByAnyLayer().check(upward))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UpwardImportExample");
    }

    private static Class<?> loadExample() {
        try {
            return Class.forName(BASE + ".model.UpwardImportExample");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void trackersKnowNoUseCaseAndNoOtherProvider() {
        for (String provider : new String[] {"github", "jira", "ado", "local"}) {
            noClasses().that().resideInAPackage(BASE + ".tracker." + provider + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.Arrays.stream(new String[] {"github", "jira", "ado", "local"})
                                    .filter(other -> !other.equals(provider))
                                    .map(other -> BASE + ".tracker." + other + "..").toArray(String[]::new))
                    .check(core);
        }
        noClasses().that().resideInAPackage(BASE + ".tracker").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".tracker.github..", BASE + ".tracker.jira..", BASE + ".tracker.ado..",
                        BASE + ".tracker.local..")
                .because("the tracker API knows no provider; the application layer builds them")
                .check(core);
    }
}
