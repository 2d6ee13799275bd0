package io.specweave.deploy.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line maps arguments to core requests and renders outcomes: it wires no core service. */
class FrontEndLayeringTest {

    @Test
    void theCommandLineTalksToTheApplicationLayerAndTheRenderersOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.specweave.deploy.tracker..",
                "io.specweave.deploy.http..", "io.specweave.deploy.increment..", "io.specweave.deploy.ci..",
                "io.specweave.deploy.results..", "io.specweave.deploy.suite..", "io.specweave.deploy.flags..",
                "io.specweave.deploy.health..", "io.specweave.deploy.action..", "io.specweave.deploy.jenkins..")
                .because("front ends map their inputs to a request and render the result (ARCHITECTURE.md)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.specweave.deploy.cli"));
    }
}
