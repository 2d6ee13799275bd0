package io.specweave.deploy.http;

import io.specweave.deploy.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A wait before the next attempt, as progress reports it: so a run that is waiting for a rate
 * limit or a starting service says so instead of hanging silently.
 *
 * @param subject     what is retried, e.g. {@code GET https://api.github.com/repos/o/r/issues} (no secret)
 * @param reason      why, e.g. {@code answered HTTP 503}
 * @param duration    how long the wait is
 * @param resetAt     when a rate limit resets; null when the wait is a backoff
 * @param nextAttempt the attempt that follows the wait
 * @param maxAttempts the attempts allowed in all
 */
public record HttpWait(String subject, String reason, Duration duration, Instant resetAt, int nextAttempt,
        int maxAttempts) {

    /** One line, e.g. {@code GET https://…: rate limit (HTTP 403): waiting 12 s (resets at 10:15:03Z), attempt 2 of 4}. */
    public String line() {
        String when = resetAt == null ? "retrying in " + Durations.brief(duration)
                : "waiting " + Durations.brief(duration) + " (resets at " + resetAt.truncatedTo(ChronoUnit.SECONDS)
                        .toString().substring(11) + ")";
        return subject + " " + reason + ": " + when + ", attempt " + nextAttempt + " of " + maxAttempts;
    }
}
