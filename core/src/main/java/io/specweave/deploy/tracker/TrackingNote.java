package io.specweave.deploy.tracker;

/**
 * The note of a {@link TrackingRequest} (a slot swap, a rollback, a canary step) as trackers
 * comment it: once per note. The item carries a key of the last note it was told, so a re-run
 * that sends the same note to the same item adds no second comment.
 */
public final class TrackingNote {

    private static final String PREFIX = "specweave-deploy:note=";

    private TrackingNote() {
    }

    /** The note's key: a short SHA-256 of environment and note, stable across runs. */
    public static String key(String environment, String note) {
        return Fingerprint.of(environment + "\n" + note, 8);
    }

    /** The hidden marker text for an item's body, without comment delimiters; null without a note. */
    public static String marker(TrackingRequest request) {
        return request.note() == null || request.note().isBlank() ? null
                : PREFIX + key(request.environment(), request.note());
    }

    /**
     * For trackers whose marker is a visible line ({@code ...;content=...}): {@code ;note=<key>} to
     * append to it, or an empty string without a note.
     */
    public static String markerSuffix(TrackingRequest request) {
        return request.note() == null || request.note().isBlank() ? ""
                : ";note=" + key(request.environment(), request.note());
    }

    /** True when {@code markerText} (a description holding the marker line) already names the request's note. */
    public static boolean toldInMarker(String markerText, TrackingRequest request) {
        String suffix = markerSuffix(request);
        return !suffix.isEmpty() && markerText != null && markerText.contains(suffix);
    }

    /** True when {@code itemText} (the item's body as read) already carries the request's note marker. */
    public static boolean told(String itemText, TrackingRequest request) {
        String marker = marker(request);
        return marker != null && itemText != null && itemText.contains(marker);
    }

    /** The comment for the note: the environment and what happened there. */
    public static String comment(TrackingRequest request) {
        return "In " + request.environment() + ": " + request.note().strip();
    }
}
