package io.specweave.deploy.tracker.local;

import io.specweave.deploy.config.Provider;
import io.specweave.deploy.tracker.Tracker;
import io.specweave.deploy.tracker.TrackingRef;
import io.specweave.deploy.tracker.TrackingRequest;

/**
 * The embedded provider: the record in {@code metadata.json} is the tracking item, so there is
 * nothing to call. Its id is {@code <increment>/<environment>}, which is what a reader of the file
 * looks for.
 */
public final class LocalTracker implements Tracker {

    @Override
    public TrackingRef upsert(TrackingRequest request) {
        String id = request.increment().id() + "/" + request.environment();
        return new TrackingRef(Provider.LOCAL, null, id, null, false, false, null);
    }
}
