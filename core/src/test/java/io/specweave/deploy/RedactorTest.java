package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretIsReplacedInPlainAndInBase64Form() {
        Redactor redactor = new Redactor().add(new Secret("JIRA_API_TOKEN", "atl-789-token"));

        assertThat(redactor.redact("token atl-789-token, header Basic " + base64("atl-789-token")))
                .isEqualTo("token ****, header Basic ****");
    }

    @Test
    void everyTextOfADocumentIsRedactedInACopy() throws Exception {
        Redactor redactor = new Redactor().add("s3cret-value");
        com.fasterxml.jackson.databind.JsonNode doc = Json.mapper().readTree(
                "{\"problems\": [\"refused: s3cret-value\"], \"nested\": {\"note\": \"x s3cret-value\", \"n\": 2}}");

        assertThat(redactor.redactTexts(doc).toString())
                .isEqualTo("{\"problems\":[\"refused: ****\"],\"nested\":{\"note\":\"x ****\",\"n\":2}}");
        assertThat(doc.toString()).as("the original is left as it was").contains("s3cret-value");
    }

    @Test
    void theLongestSecretGoesFirstSoNoPartOfALongerOneIsLeft() {
        // Base64 of "ab:" + a token ends with the Base64 of the token: the prefix is three bytes long.
        Redactor redactor = new Redactor().add("tok3n-value").add("ab:tok3n-value");

        assertThat(redactor.redact(base64("ab:tok3n-value") + " " + base64("tok3n-value"))).isEqualTo("**** ****");
    }

    @Test
    void theMaskIsTheCallersAndValuesTooShortToBeSecretsStay() {
        Redactor redactor = new Redactor("***").add("s3cr3t").add("abc").add((String) null).add((Secret) null);

        assertThat(redactor.redact("s3cr3t abc")).isEqualTo("*** abc");
        assertThat(redactor.redact(null)).isNull();
    }
}
