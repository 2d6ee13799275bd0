package io.specweave.deploy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void anHttpUrlNeedsAnHttpSchemeAndAHostAndTheMessageSaysWhatWasExpected() {
        assertThat(Urls.httpUrl(" https://qa.example.com/app ", "deploymentUrl")).hasToString("https://qa.example.com/app");
        assertThatThrownBy(() -> Urls.httpUrl("qa.example.com", "deploymentUrl"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("deploymentUrl: expected an absolute http(s) URL such as \"https://green.myapp.com\", "
                        + "got \"qa.example.com\"");
        assertThatThrownBy(() -> Urls.httpUrl("file:///etc/passwd", "x", "a Prometheus URL"))
                .hasMessage("x: expected a Prometheus URL, got a file: URL; only http and https are requested");
    }

    @Test
    void noMessageRepeatsUserInfoWhateverIsWrongWithTheUrl() {
        for (String url : new String[] {"ftp://ops:s3cret@host/x", "https://ops:s3cret@host/a b", "ops:s3cret@host"}) {
            assertThatThrownBy(() -> Urls.baseUrl(url, "config.baseUrl", "a URL")).as(url)
                    .isInstanceOf(BadInputException.class).hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> Urls.withoutUserInfo("https://ops:s3cret@qa.example.com/x?token=t", "deploymentUrl",
                "it is recorded"))
                .hasMessage("deploymentUrl: expected a URL without user info (user:password@), got "
                        + "https://qa.example.com/x?… with user info; it is recorded");
    }

    @Test
    void aUrlWrittenWithACredentialIsShownWithoutItAndTheRestAsWritten() {
        assertThat(Urls.withoutCredentialParts("https://bob:s3cret@ci.example/run/1")).isEqualTo("https://ci.example/run/1");
        assertThat(Urls.withoutCredentialParts("http://alice:p%40ss@127.0.0.1:8080/x?env=qa&token=abc#top"))
                .isEqualTo("http://127.0.0.1:8080/x?env=qa&token=****#top");
        assertThat(Urls.withoutCredentialParts("https://app.example/#/cb?access_token=t1&state=s"))
                .isEqualTo("https://app.example/#/cb?access_token=****&state=s");
        assertThat(Urls.withoutCredentialParts("https://store.example/b?sv=1&sig=abc")).isEqualTo(
                "https://store.example/b?sv=1&sig=****");
        // No URL java.net.URI reads, yet one a view shows as written: scrubbed by its shape.
        assertThat(Urls.withoutCredentialParts("https://qa.example/a b?token=x")).isEqualTo(
                "https://qa.example/a b?token=****");
        assertThat(Urls.withoutCredentialParts(" https://ops:p w@qa.example/x ")).isEqualTo(" https://qa.example/x ");
        assertThat(Urls.withoutCredentialParts("https://ops:50%@qa.example/")).isEqualTo("https://qa.example/");
        assertThat(Urls.withoutCredentialParts("https://ops:p@ss@qa.example/x")).as("an @ in the password")
                .isEqualTo("https://qa.example/x");
        assertThat(Urls.withoutCredentialParts("https://qa.example/x?a=1#token=t")).isEqualTo(
                "https://qa.example/x?a=1#token=****");
        assertThat(Urls.withoutCredentialParts("https://qa.example/users/@me")).as("an @ in the path").isNull();
        for (String kept : new String[] {"https://qa.example/?env=qa#a", "https://qa.example/x?token=****", "not a url",
            "mailto:ops@example.com", "ftp://u:p@host/"}) {
            assertThat(Urls.withoutCredentialParts(kept)).as(kept).isNull();
        }
    }

    @Test
    void aRecordedUrlCarriesNoCredentialInItsQueryEither() {
        for (String url : new String[] {"https://qa.example/?token=ghp_x", "https://qa.example/?a=1&access_token=x",
            "https://qa.example/?API_KEY=x", "https://store.example/b?sv=1&sig=abc", "https://s3.example/o?X-Amz-Signature=x"}) {
            assertThatThrownBy(() -> Urls.withoutCredentials(url, "deploymentUrl", "it is recorded")).as(url)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("deploymentUrl: expected a URL without a credential in its query, got ")
                    .hasMessageEndingWith("parameter; it is recorded").hasMessageNotContaining("ghp_x");
        }
        assertThat(Urls.withoutCredentials("https://qa.example/app?env=qa&author=me", "deploymentUrl", "it is recorded")
                .getRawQuery()).isEqualTo("env=qa&author=me");
    }

    @Test
    void aRecordedUrlCarriesNoCredentialInItsFragmentByTheQuerysRule() {
        for (String url : new String[] {"https://dev.example.com/#access_token=SECRET",
            "https://dev.example.com/#state=1&id_token=SECRET", "https://dev.example.com/app#/login?token=SECRET"}) {
            assertThatThrownBy(() -> Urls.withoutCredentials(url, Input.DEPLOYMENT_URL, "it is recorded")).as(url)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("deployment-url: expected a URL without a credential in its fragment, got "
                            + "https://dev.example.com/")
                    .hasMessageEndingWith("parameter; it is recorded").hasMessageNotContaining("SECRET")
                    .satisfies(e -> assertThat(((BadInputException) e).input()).isEqualTo(Input.DEPLOYMENT_URL));
        }
        for (String url : new String[] {"https://docs.example/setup#api-token", "https://app.example/#/orders?page=2",
            "https://app.example/#section-2"}) {
            assertThat(Urls.withoutCredentials(url, "deploymentUrl", "it is recorded")).as("an anchor names no secret")
                    .hasToString(url);
        }
    }

    @Test
    void aUrlIsShownWithoutUserInfoOrQueryAndTextThatIsNoUrlIsHiddenWhole() {
        assertThat(Urls.display("https://ops:s3cret@prom.example:9090/prometheus?token=abc"))
                .isEqualTo("https://prom.example:9090/prometheus?…");
        assertThat(Urls.display("http://127.0.0.1:9090")).isEqualTo("http://127.0.0.1:9090");
        assertThat(Urls.display("not a url with user@secret")).isEqualTo("(URL hidden)");
    }

    @Test
    void loopbackIsLocalhostOrALiteralLoopbackAddressAndANameIsNeverResolved() {
        for (String host : new String[] {"localhost", "LocalHost", "api.localhost", "127.0.0.1", "127.8.9.10", "::1",
                "[::1]"}) {
            assertThat(Urls.isLoopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"127.example.com", "localhost.example.com", "10.0.0.1", "github.com", "",
                "[::2]"}) {
            assertThat(Urls.isLoopback(host)).as(host).isFalse();
        }
        assertThat(Urls.isLoopback(null)).isFalse();
    }

    @Test
    void anIpLiteralIsReadAsAnAddressAndAnythingElseIsNone() {
        assertThat(Urls.ipLiteral("10.0.0.7").getHostAddress()).isEqualTo("10.0.0.7");
        assertThat(Urls.ipLiteral("[fd00::1]").getHostAddress()).isEqualTo("fd00:0:0:0:0:0:0:1");
        assertThat(Urls.ipLiteral("::ffff:10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
        // Text that only looks like an address is no address: never handed to a resolver.
        for (String host : new String[] {"10.example.com", "github.com", "127.0.0.999", "1.2.3", "fd00::zz", "", "a:b"}) {
            assertThat(Urls.ipLiteral(host)).as(host).isNull();
        }
    }

    @Test
    void aBaseUrlLosesItsTrailingSlashesAndMayNotCarryCredentials() {
        assertThat(Urls.baseUrl("https://jira.example.com//", "baseUrl", "a URL")).hasToString("https://jira.example.com");
        assertThatThrownBy(() -> Urls.baseUrl("https://me:token@jira.example.com", "sync.profiles.j.config.baseUrl",
                "a URL"))
                .hasMessage("sync.profiles.j.config.baseUrl: expected a URL without user info (user:password@), got "
                        + "https://jira.example.com with user info; credentials come from the profile's variables, "
                        + "never from its URL");
    }

    @Test
    void anInputIsNamedTheWayTheFrontEndSpellsIt() {
        BadInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Urls.httpUrl("nowhere", Input.DEPLOYMENT_URL), BadInputException.class);

        assertThat(e.input()).isEqualTo(Input.DEPLOYMENT_URL);
        assertThat(e.message().render(new Message.Spelling() {
            @Override
            public String input(Input input, String value) {
                return "--" + input.word();
            }

            @Override
            public String command(io.specweave.deploy.Command command, java.util.List<Message.Arg> args) {
                return command.word();
            }
        })).startsWith("--deployment-url: expected an absolute http(s) URL");
    }
}
