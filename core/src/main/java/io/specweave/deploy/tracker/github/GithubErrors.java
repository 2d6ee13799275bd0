package io.specweave.deploy.tracker.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import io.specweave.deploy.Message;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.Redactor;
import io.specweave.deploy.tracker.BodyFit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kohsuke.github.GHException;
import org.kohsuke.github.HttpException;

/**
 * Turns what {@code github-api} throws into messages for the person at the terminal: which
 * repository, which token variable (never its value), which permission is missing, what to do.
 */
final class GithubErrors {

    /** The fine-grained permission an operation needs, as GitHub's docs and workflow {@code permissions:} name it. */
    enum Permission {
        ISSUES("issues: write"),
        DEPLOYMENTS("deployments: write");

        private final String text;

        Permission(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private final GithubSettings settings;
    private final String tokenVariable;
    private final Redactor redactor;

    GithubErrors(GithubSettings settings, String tokenVariable, Redactor redactor) {
        this.settings = settings;
        this.tokenVariable = tokenVariable;
        this.redactor = redactor;
    }

    /** The HTTP status of a failure, or -1 when there was no response. */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GithubTransportException) {
                return -1;
            }
            if (t instanceof FileNotFoundException) {
                return 404;
            }
            if (t instanceof HttpException h && h.getResponseCode() > 0) {
                return h.getResponseCode();
            }
        }
        return -1;
    }

    /** The IOException inside a paged iteration's runtime wrapper. */
    static IOException unwrap(GHException e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** A user-facing failure of {@code action} (e.g. "create the tracking issue"). */
    OperationFailedException failure(String action, Permission permission, IOException e) {
        String repo = settings.fullName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GithubTransportException transport) {
                return new OperationFailedException(redact("GitHub (" + settings.apiUrl() + "): could not " + action
                        + " in " + repo + ": " + transport.getMessage()), null);
            }
        }
        int status = status(e);
        String detail = detail(e);
        // The token's variable as each front end gives it: GITHUB_TOKEN, the Action's github-token input.
        Message.Credential token = new Message.Credential(tokenVariable);
        String message;
        switch (status) {
            case 401 -> {
                return OperationFailedException.aboutCredential(tokenVariable, said("GitHub rejected the token "
                        + "in ", token, " (HTTP 401" + detail + ") while trying to " + action + " in " + repo
                        + ". It is wrong, expired or revoked: set ", token, " to a token with " + permission.text()
                        + " on " + repo + " (a classic token needs the repo scope, or public_repo for a public "
                        + "repository)"));
            }
            case 403 -> {
                if (detail.toLowerCase(Locale.ROOT).contains("locked")) {
                    // Not a permission: someone locked the issue's conversation.
                    message = "GitHub refused to " + action + " in " + repo + " (HTTP 403" + detail + "): the issue's "
                            + "conversation is locked; unlock it on GitHub, then re-run";
                } else {
                    return OperationFailedException.aboutCredential(tokenVariable, said("the token in ", token,
                            " may not " + action + " in " + repo + " (HTTP 403" + detail + "). It needs the "
                            + permission.text() + " permission on " + repo + ": in a workflow add `" + permission.text()
                            + "` under the job's `permissions:`; a fine-grained token needs " + permission.text()
                            + "; a classic token the repo scope"));
                }
            }
            case 404 -> {
                return new OperationFailedException(said("GitHub has no repository " + repo + " that the token "
                        + "in ", token, " can see (HTTP 404 while trying to " + action + "). Check config.owner "
                        + "and config.repo" + (settings.apiUrl().equals(GithubSettings.DEFAULT_API_URL) ? ""
                        : " and the API URL " + settings.apiUrl()) + ". A workflow's GITHUB_TOKEN only reaches the "
                        + "workflow's own repository: for another repository store a token with access to it as a "
                        + "secret and name its variable in config.tokenEnv"), null);
            }
            case 410 -> message = "GitHub refused to " + action + " in " + repo + " (HTTP 410" + detail
                    + "): issues are probably disabled for the repository; enable them in its settings";
            case 422 -> message = "GitHub refused to " + action + " in " + repo + " (HTTP 422 validation failed"
                    + detail + ")";
            case -1 -> message = "could not " + action + " in " + repo + " at " + settings.apiUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            default -> message = "GitHub answered HTTP " + status + detail + " while trying to " + action + " in "
                    + repo + (status >= 500 ? "; GitHub seems to be having trouble, re-run the sync later" : "");
        }
        return new OperationFailedException(redact(message), null);
    }

    /**
     * ": <GitHub's message>" from an error body, or "". A validation failure's own message is only
     * "Validation Failed"; its {@code errors} name the cause ("body is too long (maximum is 65536
     * characters)"), so they follow it.
     */
    private static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage();
            if (text == null) {
                continue;
            }
            int brace = text.indexOf('{');
            if (brace >= 0) {
                try {
                    JsonNode node = Json.mapper().readTree(text.substring(brace));
                    String message = Json.text(node, "message");
                    if (message != null) {
                        List<String> causes = new ArrayList<>();
                        for (JsonNode error : node.path("errors")) {
                            String cause = error.isTextual() ? error.asText() : Json.text(error, "message");
                            if (cause == null && Json.text(error, "code") != null) {
                                // GitHub's documented shape without a message: the code and the field it is about.
                                cause = Json.text(error, "code") + (Json.text(error, "field") == null ? ""
                                        : " " + Json.text(error, "field"));
                            }
                            if (cause != null && !cause.isBlank()) {
                                causes.add(BodyFit.title(cause, 200));
                            }
                        }
                        return ": " + BodyFit.title(message, 200) + (causes.isEmpty() ? ""
                                : " (" + BodyFit.title(String.join("; ", causes), 400) + ")");
                    }
                } catch (IOException | RuntimeException ignored) {
                    // not a JSON error body: nothing to add
                }
            }
        }
        return "";
    }

    private String redact(String text) {
        return redactor.redact(text);
    }

    /** A message of {@code parts}, its texts redacted (a server's words may echo the token). */
    private Message said(Object... parts) {
        Object[] redacted = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            redacted[i] = parts[i] instanceof String text ? redact(text) : parts[i];
        }
        return Message.of(redacted);
    }

    /** True for GitHub's "already exists" validation error of a label or other named object. */
    static boolean alreadyExists(IOException e) {
        return status(e) == 422 && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already_exists");
    }
}
