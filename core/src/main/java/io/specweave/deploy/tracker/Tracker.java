package io.specweave.deploy.tracker;

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
}
