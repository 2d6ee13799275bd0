package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.BadInputException;
import org.junit.jupiter.api.Test;

class InputWordsTest {

    @Test
    void optionsBecomeInputsAndTheFirstOneNamesTheError() {
        BadInputException translated = InputWords.translate(new BadInputException(
                "--slot and --canary are two ways to roll out; pass one of them"));

        assertThat(translated).isInstanceOf(InputException.class)
                .hasMessage("input \"slot\": the slot input and the canary input are two ways to roll out; "
                        + "pass one of them");
        assertThat(((InputException) translated).input()).isEqualTo("slot");
    }

    @Test
    void aCommandQuotedInBackticksStaysAsTyped() {
        BadInputException translated = InputWords.translate(new BadInputException(
                "--environment qa has no deployment: run `specweave-deploy sync 0018 --environment qa --deployed` first"));

        assertThat(translated.getMessage()).isEqualTo("input \"environment\": the environment input qa has no "
                + "deployment: run `specweave-deploy sync 0018 --environment qa --deployed` first");
    }

    @Test
    void renamedOptionsAndUnknownOnesAreHandled() {
        assertThat(InputWords.translate(new BadInputException("--by is missing")).getMessage())
                .isEqualTo("input \"approved-by\": the approved-by input is missing");
        BadInputException unknown = new BadInputException("--prometheus-url ftp://x: expected an http URL");
        assertThat(InputWords.translate(unknown)).isSameAs(unknown);
    }
}
