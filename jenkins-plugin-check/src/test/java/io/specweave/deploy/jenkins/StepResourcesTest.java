package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The Snippet Generator and the step docs come from config.jelly and help files: one per parameter. */
class StepResourcesTest {

    @ParameterizedTest
    @ValueSource(classes = {SpecweaveSyncStep.class, SpecweaveStatusStep.class})
    void everyParameterHasAFormFieldAndAHelpFile(Class<?> step) throws IOException {
        String config = resource(step, "config.jelly");

        for (String parameter : parameters(step)) {
            assertThat(config).as("config.jelly of %s", step.getSimpleName()).contains("field=\"" + parameter + "\"");
            assertThat(resource(step, "help-" + parameter + ".html")).as("help-%s.html", parameter).contains("<div>");
        }
        assertThat(resource(step, "help.html")).contains("<div>");
    }

    @ParameterizedTest
    @ValueSource(classes = {SpecweaveSyncStep.class, SpecweaveStatusStep.class})
    void noParameterIsRequiredSoDeclarativePipelineAcceptsAnySubset(Class<?> step) {
        assertThat(step.getConstructors()).singleElement()
                .satisfies(c -> assertThat(c.getParameterCount()).isZero())
                .satisfies(c -> assertThat(c.isAnnotationPresent(DataBoundConstructor.class)).isTrue());
    }

    @Test
    void theParameterListIsWhatTheIssueAsksFor() {
        assertThat(parameters(SpecweaveSyncStep.class)).contains("profile", "environment", "increment", "deployed",
                "credentialsId", "commit", "branch", "tag", "deployedBy", "dryRun", "workingDirectory", "healthCheck",
                "testResults", "coverage", "loadTestResults", "force", "issueKeys");
        assertThat(parameters(SpecweaveStatusStep.class)).containsExactlyInAnyOrder("increment", "plain",
                "workingDirectory");
    }

    @Test
    void thePluginDescribesItself() throws IOException {
        try (InputStream in = StepResourcesTest.class.getResourceAsStream("/index.jelly")) {
            assertThat(in).as("index.jelly").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("specweaveSync");
        }
    }

    /** Every @DataBoundSetter: the steps have no required (constructor) parameter. */
    private static List<String> parameters(Class<?> step) {
        List<String> names = new ArrayList<>();
        for (Method method : step.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String property = method.getName().substring("set".length());
                names.add(property.substring(0, 1).toLowerCase(Locale.ROOT) + property.substring(1));
            }
        }
        return names;
    }

    private static String resource(Class<?> step, String name) throws IOException {
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + name)) {
            assertThat(in).as("%s/%s", step.getSimpleName(), name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
