package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.Input;
import io.specweave.deploy.InputValueException;
import io.specweave.deploy.Message;
import org.junit.jupiter.api.Test;

/** Core's messages in the words of a Jenkinsfile: the step's parameters, and nothing the step has not. */
class StepSpellingTest {

    @Test
    void inputsAreTheStepsParametersAsGroovyWritesThem() {
        assertThat(Message.of("pass ", Input.FORCE, " or ", Message.arg(Input.DEPLOYED_BY, "jane"))
                .render(StepSpelling.INSTANCE)).isEqualTo("pass force: true or deployedBy: 'jane'");
    }

    @Test
    void wordsAboutAnInputTheStepHasNotAreLeftOut() {
        Message message = Message.of("set metrics.prometheusUrl", Message.ifInput(Input.PROMETHEUS_URL, ", or pass ",
                Input.PROMETHEUS_URL), Message.ifInput(Input.DRY_RUN, "; try ", Input.DRY_RUN));

        assertThat(message.render(StepSpelling.INSTANCE)).isEqualTo("set metrics.prometheusUrl; try dryRun: true");
    }

    @Test
    void aValueOfTheWrongKindIsSaidOfTheParameterByItsName() {
        assertThat(new InputValueException(Input.COMMIT, "expected one line of text").message()
                .render(StepSpelling.INSTANCE)).isEqualTo("commit: expected one line of text");
        assertThat(new InputValueException(Input.SUITE, "expected one line of text").message()
                .render(StepSpelling.INSTANCE)).as("not a step parameter: as core's other front end names it")
                .isEqualTo("--suite: expected one line of text");
    }
}
