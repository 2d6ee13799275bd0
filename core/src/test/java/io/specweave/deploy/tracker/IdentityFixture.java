package io.specweave.deploy.tracker;

import java.nio.file.Path;
import java.util.List;

/**
 * One provider's fake, seen by the identity tests that every provider must pass alike: seed items
 * as people or other runs make them, let another run create first, and read back what happened.
 * Increment {@code 0018-oauth-google} in environment {@code qa}, as {@link TrackerProject} writes it.
 */
public interface IdentityFixture extends AutoCloseable {

    /** The provider's name, for the test report. */
    String name();

    /** A project whose profile {@link #profile()} keeps its item in this fake. */
    TrackerProject project(Path dir);

    String profile();

    /**
     * An item carrying the identity's labels and the title a sync gives it, with the marker of
     * {@code markerEnvironment}: "qa" makes one of this identity, another environment one that
     * only looks alike. Returns its id as {@link TrackingRef#id()} spells it.
     */
    String seed(String markerEnvironment, boolean closed);

    /**
     * An item of this identity as another run's sync leaves it: the identity's marker and the key of
     * the deployment it told ({@code deploymentKey}), as the provider writes them. Returns its id.
     */
    String seedTelling(String deploymentKey);

    /** The texts of the item's comments (history entries for Azure DevOps), oldest first. */
    List<String> comments(String id);

    /** Just before the next item is created, {@code action} runs: another run creating one a moment earlier. */
    void beforeNextCreate(Runnable action);

    /** Right after the next item is created, {@code action} runs: another run creating one a moment later. */
    void afterNextCreate(Runnable action);

    /** Every item's id, oldest first. */
    List<String> ids();

    /** True when the item is marked as a duplicate of {@code keptId} the provider's way. */
    boolean markedAsDuplicateOf(String id, String keptId);

    /** Everything a person sees of the item (title, text, labels, state, comments), to tell it was not touched. */
    String snapshot(String id);

    @Override
    void close();
}
