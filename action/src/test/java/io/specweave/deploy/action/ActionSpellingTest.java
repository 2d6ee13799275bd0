package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Command;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import org.junit.jupiter.api.Test;

/** Core's messages name inputs; the Action names them as a workflow's {@code with:} values, no text rewritten. */
class ActionSpellingTest {

    @Test
    void inputsAreNamedAsWithValues() {
        Message message = Message.of(Input.SLOT, " and ", Input.CANARY, " are two ways to roll out; pass ",
                Message.arg(Input.CANARY, 100), " or ", Input.FORCE);
        assertThat(message.render(ActionSpelling.INSTANCE)).isEqualTo("the `slot` input and the `canary` input are two "
                + "ways to roll out; pass `canary: 100` or `force: true`");
        assertThat(message.toString()).isEqualTo("slot and canary are two ways to roll out; pass canary 100 or force");
    }

    @Test
    void inputsWithAnotherNameUseTheActionsName() {
        assertThat(Message.of(Input.APPROVED_BY, ", ", Input.DIR, ", ", Input.FLAG_ACTION).render(ActionSpelling.INSTANCE))
                .isEqualTo("the `approved-by` input, the `working-directory` input, the `action` input");
        assertThat(Message.of(Message.arg(Input.HEALTH_CHECK, "false")).render(ActionSpelling.INSTANCE))
                .isEqualTo("`health-check: false`");
    }

    @Test
    void aSettingTheActionHasNoInputForIsNamedAsTheProfileSettingItOverrides() {
        assertThat(Message.of(Input.PROMETHEUS_URL, ", ", Input.FAILURE_THRESHOLD).render(ActionSpelling.INSTANCE))
                .isEqualTo("the profile's `metrics.prometheusUrl`, the profile's `canaryAnalysis.failureThreshold`");
        assertThat(Message.of(Input.PROVIDER).render(ActionSpelling.INSTANCE)).isEqualTo("`provider`");
    }

    @Test
    void aCredentialIsTheInputThatGivesIt() {
        Message missing = Message.of("set ", Message.credentials(java.util.List.of("GITHUB_TOKEN", "GH_TOKEN"), " or "),
                "; or ", Message.credentials(java.util.List.of("JIRA_PAT"), ""));
        assertThat(missing.render(ActionSpelling.INSTANCE))
                .isEqualTo("set `github-token` (GITHUB_TOKEN) or GH_TOKEN; or `jira-pat` (JIRA_PAT)");
        assertThat(missing.toString()).isEqualTo("set GITHUB_TOKEN or GH_TOKEN; or JIRA_PAT");
    }

    @Test
    void aCommandIsAStepWithItsValues() {
        Message hint = Message.of("deploy one first (", Message.command(Command.DEPLOY, Message.arg(Input.INCREMENT, "0018"),
                Message.arg(Input.ENVIRONMENT, "prod"), Message.arg(Input.SLOT, "blue")), ")");
        assertThat(hint.render(ActionSpelling.INSTANCE)).isEqualTo("deploy one first (a step with `command: deploy`, "
                + "`increment: 0018`, `environment: prod`, `slot: blue`)");
    }

    @Test
    void theInputAtFaultTitlesTheAnnotation() {
        BadInputException e = new BadInputException(Message.of(Input.CANARY, ": expected 1 to 100, got 0"));
        assertThat(ActionInput.nameOf(e.input())).isEqualTo("canary");
    }
}
