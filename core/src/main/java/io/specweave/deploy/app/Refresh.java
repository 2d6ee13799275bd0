package io.specweave.deploy.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Message;
import io.specweave.deploy.config.Provider;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.increment.RecordedUrls;
import io.specweave.deploy.model.RecordMerge;
import io.specweave.deploy.tracker.RecordLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the copies of environments' records that trackers keep on their items, so a job that
 * starts from a fresh checkout — every CI job — decides and writes on what earlier jobs recorded,
 * never on a record built from nothing. The copies are merged into a document with
 * {@link RecordMerge}: the newer state wins, histories are joined, rollout state (slots, canary,
 * flag changes) comes along. A profile this run cannot reach (its credentials are not in this job)
 * is reported, not fatal: each job usually holds only its own environment's secrets.
 */
final class Refresh {

    /** What refresh found for one environment. */
    enum Outcome {
        /** The tracker's copy was read (it may or may not change the local record). */
        READ,
        /** The item has no copy (not created yet, or edited by hand). */
        NO_COPY,
        /** The tracker could not be asked from here. */
        UNREACHABLE,
        /** The profile's provider keeps no copy beyond metadata.json. */
        LOCAL
    }

    /** One environment's refresh: how it went and, once merged, what it changed. */
    record Entry(String environment, String profile, Outcome outcome, Message said) {

        Entry(String environment, String profile, Outcome outcome, String message) {
            this(environment, profile, outcome, Message.text(message));
        }

        /** What it said in core's own words; {@link #said()} keeps the credentials it names for a front end. */
        String message() {
            return said.toString();
        }

        /** The line a front end shows: the environment, its profile and what was said, credentials in its words. */
        Message line() {
            return Message.of(environment + " (" + profile + "): ", said);
        }

        boolean failed() {
            return outcome == Outcome.UNREACHABLE || outcome == Outcome.NO_COPY;
        }
    }

    /** The copies read, and what happened per environment. */
    static final class Copies {
        private final Map<String, ObjectNode> copies;
        private final List<Entry> entries;

        Copies(Map<String, ObjectNode> copies, List<Entry> entries) {
            this.copies = copies;
            this.entries = entries;
        }

        static Copies none() {
            return new Copies(Map.of(), List.of());
        }

        List<Entry> entries() {
            return entries;
        }

        Optional<Entry> entry(String environment) {
            return entries.stream().filter(e -> e.environment().equals(environment)).findFirst();
        }

        /** Merges every copy into {@code document}; returns per environment what the merge did. */
        Map<String, RecordMerge.Result> mergeInto(MetadataDocument document) {
            Map<String, RecordMerge.Result> results = new LinkedHashMap<>();
            copies.forEach((environment, copy) -> {
                ObjectNode local = document.deployment(environment).orElse(null);
                RecordMerge.Result result = RecordMerge.merge(local, copy);
                if (result.changed()) {
                    ObjectNode target = document.deploymentForUpdate(environment);
                    target.removeAll();
                    target.setAll(result.merged());
                }
                results.put(environment, result);
            });
            return results;
        }

        /** The report after a merge: each environment's entry, a READ one saying what the merge did. */
        List<Entry> report(Map<String, RecordMerge.Result> merged) {
            List<Entry> report = new ArrayList<>();
            for (Entry e : entries) {
                RecordMerge.Result r = merged.get(e.environment());
                if (e.outcome() != Outcome.READ || r == null) {
                    report.add(e);
                } else if (!r.changed()) {
                    report.add(new Entry(e.environment(), e.profile(), Outcome.READ, "already up to date"));
                } else {
                    String what = r.remoteWasNewer() ? "took the tracker's newer record" : "kept the local record";
                    report.add(new Entry(e.environment(), e.profile(), Outcome.READ, what + (r.historyAdded() > 0
                            ? ", added " + r.historyAdded() + " history entr" + (r.historyAdded() == 1 ? "y" : "ies")
                            : "")));
                }
            }
            return report;
        }
    }

    private Refresh() {
    }

    /**
     * Reads the copies of {@code environments} (every environment with a profile when null).
     *
     * @param strict the environment whose profile's bad settings or missing credentials are bad input,
     *               not "unreachable": the one the operation works on; may be null
     */
    static Copies read(ChangeContext context, Increment increment, MetadataDocument local, List<String> environments,
            String strict) {
        Map<String, ObjectNode> copies = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<String> order = context.project().config().pipeline(local.deployments().keySet());
        for (SyncProfile profile : context.project().config().profiles()) {
            String environment = profile.environment();
            if (environment == null || environments != null && !environments.contains(environment)
                    || copies.containsKey(environment) || entries.stream().anyMatch(e -> e.environment().equals(environment))) {
                continue;
            }
            if (!profileOf(context, environment, profile)) {
                continue;
            }
            if (profile.provider() == Provider.LOCAL) {
                entries.add(new Entry(environment, profile.name(), Outcome.LOCAL, "local provider: metadata.json is the record"));
                continue;
            }
            try {
                Optional<ObjectNode> copy = context.tracker(profile).readRecord(new RecordLookup(
                        context.project().config(), profile, increment,
                        io.specweave.deploy.increment.Deployments.get(local, environment).orElse(null)));
                if (copy.isEmpty()) {
                    entries.add(new Entry(environment, profile.name(), Outcome.NO_COPY, "the " + profile.provider()
                            + " item holds no record of " + environment + " (not created yet, or its copy was removed)"));
                } else {
                    // A copy written before its URLs were: read as metadata.json is, without a credential.
                    RecordedUrls.dropCredentials(copy.get(), environment);
                    copies.put(environment, copy.get());
                    entries.add(new Entry(environment, profile.name(), Outcome.READ, "read"));
                }
            } catch (BadInputException e) {
                if (environment.equals(strict)) {
                    throw e;
                }
                entries.add(new Entry(environment, profile.name(), Outcome.UNREACHABLE, Message.of("not reachable "
                        + "from here: ", e.message())));
            } catch (DeployException e) {
                // Asked, it answered with an error (a rejected token, an outage): not a profile this job cannot reach.
                entries.add(new Entry(environment, profile.name(), Outcome.UNREACHABLE, Message.of("could not be "
                        + "read: ", e.message())));
            }
        }
        entries.sort((a, b) -> Integer.compare(index(order, a.environment()), index(order, b.environment())));
        return new Copies(copies, entries);
    }

    /** The profile that speaks for an environment: the target's own, else the environment's only or default one. */
    private static boolean profileOf(ChangeContext context, String environment, SyncProfile profile) {
        if (context.target() != null && environment.equals(context.target().environment())) {
            return context.target().profile().name().equals(profile.name());
        }
        return context.project().config().profilesForEnvironment(environment).get(0).name().equals(profile.name());
    }

    private static int index(List<String> order, String environment) {
        int i = order.indexOf(environment);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
