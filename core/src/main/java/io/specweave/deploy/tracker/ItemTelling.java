package io.specweave.deploy.tracker;

import io.specweave.deploy.model.DeploymentRecord;
import java.util.Locale;

/**
 * What a sync tells a tracking item in a comment: the new deployment and the request's note (a
 * slot swap, a rollback, a canary step), each once. The item carries the keys of the deployment
 * and the note it was last told, so neither a re-run nor the run that lost a creation race (its
 * item is the winner's, which may tell this deployment or another one) comments them twice; every
 * provider decides it here, on the item's text as it read it.
 *
 * @param deployment true when the deployment is to be commented
 * @param note       true when the note is to be commented
 */
public record ItemTelling(boolean deployment, boolean note) {

    private static final String DEPLOYMENT = "deployment=";
    private static final String NOTE = "note=";

    /**
     * What to comment on an item whose text, as read before this sync writes it, is {@code itemText}.
     * An item this run created tells the deployment (its creation stands for it) and gets the note
     * as its first comment; {@code created} is false for an item another run created first.
     */
    public static ItemTelling of(TrackingRequest request, String itemText, boolean created) {
        String text = itemText == null ? "" : itemText;
        boolean deployment = request.newDeployment() && !created && !told(text, DEPLOYMENT, deploymentKey(request));
        String note = noteKey(request);
        return new ItemTelling(deployment, note != null && (created || !told(text, NOTE, note)));
    }

    /** True when either is to be commented. */
    public boolean any() {
        return deployment || note;
    }

    /**
     * The deployment's key: a short SHA-256 of the environment, what makes a deployment the same one
     * ({@link DeploymentRecord#sameDeploymentAs}: commit, run, tag) and its state, so the same deployment
     * in a new state (finished, failed) is told again. The commit by its first 7 characters, lower case,
     * as a short SHA names the same commit as the full one.
     */
    static String deploymentKey(TrackingRequest request) {
        DeploymentRecord r = request.record();
        return deploymentKey(request.environment(), r.commit(), r.runUrl(), r.tag(),
                r.status() == null ? null : r.status().raw());
    }

    static String deploymentKey(String environment, String commit, String runUrl, String tag, String status) {
        String sha = commit == null ? "" : commit.substring(0, Math.min(7, commit.length())).toLowerCase(Locale.ROOT);
        return Fingerprint.of(environment + "\n" + sha + "\n" + runUrl + "\n" + tag + "\n" + status, 8);
    }

    /** The note's key: a short SHA-256 of environment and note, stable across runs; null without a note. */
    static String noteKey(TrackingRequest request) {
        return request.note() == null || request.note().isBlank() ? null : key(request.environment(), request.note());
    }

    static String key(String environment, String note) {
        return Fingerprint.of(environment + "\n" + note, 8);
    }

    /** The hidden markers for an item's body (HTML comments, one a line) of a tracker that stores text as given. */
    public static String hiddenMarkers(TrackingRequest request) {
        String note = noteKey(request);
        return "<!-- specweave-deploy:" + DEPLOYMENT + deploymentKey(request) + " -->\n"
                + (note == null ? "" : "<!-- specweave-deploy:" + NOTE + note + " -->\n");
    }

    /**
     * For trackers whose marker is a visible line ({@code ...;content=...}): {@code ;deployment=<key>},
     * and {@code ;note=<key>} with a note, to append to it.
     */
    public static String markerSuffix(TrackingRequest request) {
        String note = noteKey(request);
        return ";" + DEPLOYMENT + deploymentKey(request) + (note == null ? "" : ";" + NOTE + note);
    }

    /** The comment for the note: the environment and what happened there. */
    public static String noteComment(TrackingRequest request) {
        return "In " + request.environment() + ": " + request.note().strip();
    }

    /** The key in either form: after {@code specweave-deploy:} in a hidden marker, or after {@code ;} in a marker line. */
    private static boolean told(String text, String name, String key) {
        return text.contains(":" + name + key) || text.contains(";" + name + key);
    }
}
