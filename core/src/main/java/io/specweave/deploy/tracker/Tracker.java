package io.specweave.deploy.tracker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One provider's tracking items. One item per (increment, profile): a re-run updates it and never
 * creates a second one. Implementations own their wire format; nothing outside their package
 * knows a vendor's JSON.
 */
public interface Tracker {

    /**
     * Creates or updates the tracking item for the request's increment and profile.
     *
     * @throws io.specweave.deploy.OperationFailedException when the tracker refuses or cannot be reached
     * @throws io.specweave.deploy.BadInputException when the profile's settings or credentials are wrong
     */
    TrackingRef upsert(TrackingRequest request);

    /**
     * Checks the profile's settings and credentials without a request, so an operation over several
     * environments can refuse bad input before it records any of them.
     *
     * @throws io.specweave.deploy.BadInputException as {@link #upsert} would for them
     */
    default void checkSettings() {
    }

    /**
     * The machine-readable copy of the environment's record that the item carries (see
     * {@link RecordCopy}), so a fresh CI workspace can learn what earlier jobs recorded. Empty when
     * the item does not exist or carries no copy; providers whose item is the local file itself
     * (the {@code local} provider) have nothing more to tell.
     */
    default Optional<ObjectNode> readRecord(RecordLookup lookup) {
        return Optional.empty();
    }
}
