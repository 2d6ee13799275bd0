package io.specweave.deploy.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.specweave.deploy.testing.OriginServer;
import io.specweave.deploy.testing.OriginServer.Answer;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In the Action log: a line per retry, proxy credentials masked. */
class ActionNetworkTest {

    private static final String INCREMENT = "0018-oauth-google";

    @TempDir
    Path temp;

    private ActionWorkspace job(String profiles) {
        ActionWorkspace ws = new ActionWorkspace(temp, false);
        TestProject.in(ws.workspace).config("{ \"sync\": { \"profiles\": { " + profiles + " } },"
                + " \"deployment\": { \"pipeline\": [\"qa\"] } }")
                .increment(INCREMENT, "Sign in with Google", "{ \"id\": \"" + INCREMENT + "\", \"status\": \"active\" }\n");
        return ws.input("increment", "0018");
    }

    @Test
    void healthRetryIsALineOfTheLog() {
        AtomicInteger calls = new AtomicInteger();
        try (OriginServer service = OriginServer.http("127.0.0.1",
                r -> calls.incrementAndGet() == 1 ? Answer.of(503, "starting") : Answer.of(200, "{}"))) {
            ActionWorkspace ws = job("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\", "
                    + "\"deploymentUrl\": \"" + service.url("") + "\", \"healthCheck\": {\"retries\": 1, "
                    + "\"intervalSeconds\": 1}}")
                    .input("command", "deploy").input("environment", "qa").input("commit", "c100000")
                    .input("health-check", "true");

            ActionWorkspace.Run run = ws.run();

            assertThat(run.exitCode()).as(run.stdout()).isZero();
            assertThat(run.stdout()).contains("health " + service.url("/health")
                    + " answered HTTP 503: retrying in 1 s, attempt 2 of 2");
        }
    }

    @Test
    void proxyPasswordIsMaskedBeforeAnythingIsLogged() {
        ActionWorkspace ws = job("\"local-qa\": {\"provider\": \"local\", \"environment\": \"qa\"}")
                .input("environment", "qa").input("commit", "c100000");
        ws.env.put("HTTPS_PROXY", "http://ci:proxy-secret-9931@proxy.example:3128");

        ActionWorkspace.Run run = ws.run();

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.lines()).contains("::add-mask::proxy-secret-9931");
        assertThat(run.lines().get(0)).startsWith("::add-mask::");
    }
}
