package io.specweave.deploy.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the run's trigger says about where a commit-back belongs: the branch of a push or pull
 * request from {@code GITHUB_*}, else the target branch of a published release from the event
 * payload at {@code GITHUB_EVENT_PATH} (a release job checks out a tag, not a branch).
 */
final class GitHubEvent {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private GitHubEvent() {
    }

    /** The branch to commit metadata to, or null for "the checked-out branch". */
    static String commitBranch(Map<String, String> env) {
        String head = blankToNull(env.get("GITHUB_HEAD_REF"));
        if (head != null) {
            return head;
        }
        String ref = blankToNull(env.get("GITHUB_REF"));
        if (ref != null && ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        JsonNode event = read(env.get("GITHUB_EVENT_PATH"));
        String target = Json.text(event.path("release"), "target_commitish");
        if (target != null && !SHA.matcher(target).matches()) {
            return target.startsWith("refs/heads/") ? target.substring("refs/heads/".length()) : target;
        }
        String defaultBranch = Json.text(event.path("repository"), "default_branch");
        return ref != null && ref.startsWith("refs/tags/") ? defaultBranch : null;
    }

    private static JsonNode read(String path) {
        if (path == null || path.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(Files.readString(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
