package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.config.CredentialVariables;
import io.specweave.deploy.config.SpecweaveConfig;
import io.specweave.deploy.config.SyncProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request value that holds a credential this run reads is refused: the value would be recorded in
 * metadata.json and on the tracking items as it is, and shown in every view and log, where no
 * redaction reaches (a committed file, an issue body). Checked once, before an operation reads or
 * writes anything, for every front end.
 */
final class CredentialsInValues {

    /** A secret and the words that name where it comes from, never the secret itself. */
    private record Held(Object source, String value) {
    }

    private CredentialsInValues() {
    }

    /**
     * Bad input naming the first input of {@code request} whose value holds a credential of the run:
     * a tracker token of any profile of {@code config} (or a default variable) that {@code host}'s
     * environment sets, the credential a front end passed as a value, the commit-back's push token,
     * the proxy's. The message names the credential's variable, never its value.
     */
    static void refuse(Request request, Host host, SpecweaveConfig config) {
        Map<Input, String> texts = request.texts();
        List<Held> held = texts.isEmpty() ? List.of() : held(request, host, config);
        for (Held credential : held) {
            // The redactor's forms: plain, and Base64 as basic auth carries it.
            Redactor forms = new Redactor().add(credential.value());
            for (Map.Entry<Input, String> given : texts.entrySet()) {
                if (!forms.redact(given.getValue()).equals(given.getValue())) {
                    throw new BadInputException(given.getKey(), Message.of(new Message.Name(given.getKey()),
                            ": holds the value of ", credential.source(), ", a credential; what is given here is "
                                    + "recorded in metadata.json and on the tracking items and shown as it is, so "
                                    + "leave the credential out of it"));
                }
            }
        }
    }

    private static List<Held> held(Request request, Host host, SpecweaveConfig config) {
        Set<String> variables = new LinkedHashSet<>();
        variables.addAll(CredentialVariables.GITHUB_TOKEN);
        variables.addAll(CredentialVariables.JIRA_API_TOKEN);
        variables.addAll(CredentialVariables.JIRA_PAT);
        variables.addAll(CredentialVariables.AZURE_DEVOPS_PAT);
        for (SyncProfile profile : config.profiles()) {
            variables.addAll(CredentialVariables.tokenVariables(profile));
        }
        List<Held> held = new ArrayList<>();
        for (String variable : variables) {
            host.credentials().valuesOf(List.of(variable)).forEach(value -> held.add(
                    new Held(new Message.Credential(variable), value)));
        }
        if (request.credentialSecret != null && !request.credentialSecret.isBlank()) {
            held.add(new Held("the tracker credential the run was given", request.credentialSecret));
        }
        if (request.commitBack != null && request.commitBack.credential() != null) {
            held.add(new Held("the commit-back's push credential", request.commitBack.credential().password()
                    .reveal()));
        }
        Host.proxySecrets(host.env()).forEach(secret -> held.add(new Held("the proxy's credentials "
                + "(HTTPS_PROXY, HTTP_PROXY)", secret)));
        return held;
    }
}
