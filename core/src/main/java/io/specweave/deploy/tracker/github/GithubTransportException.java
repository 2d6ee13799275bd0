package io.specweave.deploy.tracker.github;

import java.io.IOException;
import java.time.Instant;

/**
 * GitHub could not be reached, or a rate limit lasts longer than this tool waits. The message is
 * already written for the person at the terminal (and holds no secret).
 */
final class GithubTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Instant resetAt;

    GithubTransportException(String message, Instant resetAt) {
        super(message);
        this.resetAt = resetAt;
    }

    /** When the rate limit resets; null for network failures. */
    Instant resetAt() {
        return resetAt;
    }
}
