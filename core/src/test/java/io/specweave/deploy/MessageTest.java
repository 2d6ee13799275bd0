package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    /** A front end without prometheus-url, naming inputs and credentials its own way. */
    private static final Message.Spelling STEP = new Message.Spelling() {
        @Override
        public String input(Input input, String value) {
            return "`" + input.word() + "`";
        }

        @Override
        public String command(Command command, List<Message.Arg> args) {
            return command.word();
        }

        @Override
        public String credential(String name) {
            return "the token input (" + name + ")";
        }

        @Override
        public boolean has(Input input) {
            return input != Input.PROMETHEUS_URL;
        }
    };

    @Test
    void wordsAboutAnInputAreSaidOnlyByAFrontEndThatHasIt() {
        Message message = Message.of("set metrics.prometheusUrl", Message.ifInput(Input.PROMETHEUS_URL, ", pass ",
                Input.PROMETHEUS_URL).orElse(" in the profile"), ", or pass ", Input.METRICS_FILE);

        assertThat(message.render(Message.Spelling.DOMAIN))
                .isEqualTo("set metrics.prometheusUrl, pass prometheus-url, or pass metrics-file");
        assertThat(message.render(STEP)).isEqualTo("set metrics.prometheusUrl in the profile, or pass `metrics-file`");
        assertThat(message.inputs()).containsExactly(Input.PROMETHEUS_URL, Input.METRICS_FILE);
    }

    @Test
    void aCredentialIsNamedAsTheFrontEndGivesIt() {
        Message message = Message.of("set ", Message.credentials(List.of("GITHUB_TOKEN", "GH_TOKEN"), " or "));

        assertThat(message.toString()).isEqualTo("set GITHUB_TOKEN or GH_TOKEN");
        assertThat(message.render(STEP)).isEqualTo("set the token input (GITHUB_TOKEN) or the token input (GH_TOKEN)");
    }
}
