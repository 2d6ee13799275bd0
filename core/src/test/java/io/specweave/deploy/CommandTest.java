package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void aCommandIsNamedAsItIsTypedAndReadInAnyCaseWithBlanksAround() {
        assertThat(Command.SWAP_SLOTS.word()).isEqualTo("swap-slots");
        assertThat(Command.of(" Feature-Flag\n")).isEqualTo(Command.FEATURE_FLAG);
        for (Command command : Command.values()) {
            assertThat(Command.of(command.word())).isEqualTo(command);
        }
    }

    @Test
    void anUnknownCommandIsTheCommandInputsFaultAndTheMessageListsEveryCommand() {
        assertThatThrownBy(() -> Command.of("swap"))
                .isInstanceOfSatisfying(InputValueException.class, e -> {
                    assertThat(e.input()).isEqualTo(Input.COMMAND);
                    assertThat(e.exitCode()).isEqualTo(2);
                })
                .hasMessage("command: unknown command \"swap\"; expected one of sync, status, health, approve, dora, deploy, "
                        + "swap-slots, rollback, monitor, test, feature-flag");
        assertThatThrownBy(() -> Command.of(null)).isInstanceOf(InputValueException.class);
    }

    @Test
    void aSuggestedCommandIsSpelledByTheFrontEndWithItsArguments() {
        Message message = Message.of("run ", Message.command(Command.SWAP_SLOTS, Message.arg(Input.INCREMENT, "0018"),
                Message.arg(Input.ENVIRONMENT, "prod")));

        assertThat(message.render(Message.Spelling.DOMAIN)).isEqualTo("run `swap-slots 0018, environment prod`");
    }
}
