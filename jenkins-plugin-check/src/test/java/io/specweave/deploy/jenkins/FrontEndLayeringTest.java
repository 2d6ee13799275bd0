package io.specweave.deploy.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The Jenkins steps map their parameters to core requests and render outcomes: they wire no core service. */
class FrontEndLayeringTest {

    @Test
    void theStepsTalkToTheApplicationLayerAndTheRenderersOnly() throws Exception {
        // The plugin's classes are this module's test classes (see its pom): import them, not the tests.
        noClasses().that().haveSimpleNameNotEndingWith("Test").and().haveSimpleNameNotStartingWith("Fake")
                .should().dependOnClassesThat().resideInAnyPackage("io.specweave.deploy.tracker..",
                        "io.specweave.deploy.http..", "io.specweave.deploy.increment..", "io.specweave.deploy.ci..",
                        "io.specweave.deploy.results..", "io.specweave.deploy.suite..", "io.specweave.deploy.flags..",
                        "io.specweave.deploy.health..", "io.specweave.deploy.cli..", "io.specweave.deploy.action..")
                .because("front ends map their inputs to a request and render the result (ARCHITECTURE.md)")
                .check(new ClassFileImporter().importPaths(java.nio.file.Path.of(
                        SpecweaveSyncStep.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .resolve("io/specweave/deploy/jenkins")));
    }
}
