package io.specweave.deploy.app;

import io.specweave.deploy.Message;
import io.specweave.deploy.config.HealthCheckSettings;
import io.specweave.deploy.health.HealthResult;
import io.specweave.deploy.increment.MetadataDocument;
import io.specweave.deploy.model.DeploymentRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One operation's change to one environment, as {@link EnvironmentChanges} runs it: the operation
 * decides what to do from the records as refreshed ({@link #act}), and the pipeline does the rest
 * the same way for every operation — gates, health, the write, the tracker, the commit-back.
 *
 * @param <D> what the operation reports besides the record
 */
interface Change<D> {

    /** The operation's name in words, for messages and commit messages ({@code sync}, {@code swap-slots}). */
    String name();

    /** What a commit-back records, for its message: "swap-slots of 0018-oauth in prod". */
    default String recorded(String increment, String target) {
        return name() + " of " + increment + " in " + target;
    }

    /**
     * Checks the request's own inputs (files to attach, values to parse) before anything else happens,
     * so bad input is reported before any tracker is asked or anything is written.
     */
    default void check(ChangeContext context) {
    }

    /** Environments whose records the change (or its gates) reads besides the target's own. */
    default List<String> alsoReads(ChangeContext context) {
        return List.of();
    }

    /**
     * Decides what to do on the records as refreshed, doing what must happen before anything is
     * written (run a suite, watch an environment). Nothing may be written here.
     *
     * @param view the increment's {@code metadata.json} with the refreshed records merged in (a copy)
     */
    Effect<D> act(ChangeContext context, MetadataDocument view);

    /** The state a health check decided at write time, for the edit and the note. */
    record Decision(boolean forced, HealthResult health, String now) {
    }

    /** Writes the change into the increment's document; run again on another job's version at commit-back. */
    @FunctionalInterface
    interface Edit {
        void apply(MetadataDocument document, Decision decision);
    }

    /**
     * A health check the pipeline makes: of {@code url} (with where it was read, which a bad one is
     * reported as) with {@code settings}; {@code what} is checked ("the environment", "slot green of
     * prod") and {@code done} says what was recorded all the same ("is recorded as deployed to qa").
     */
    record HealthCheck(SourcedUrl url, HealthCheckSettings settings, Message what, String done) {

        HealthCheck(SourcedUrl url, HealthCheckSettings settings, Message what) {
            this(url, settings, what, null);
        }
    }

    /** What a change will do, decided by {@link #act}. */
    final class Effect<D> {
        DeploymentRecord candidate;
        /** The slot whose tests the candidate carries (the one a swap makes live); null for the environment's own. */
        String testedSlot;
        HealthCheck before;
        HealthCheck after;
        /** The last check the change made itself (monitor's polls), reported when it asks for no other. */
        HealthResult checked;
        Edit edit;
        boolean newDeployment;
        Function<Decision, String> note;
        Message failure;
        Function<Decision, D> detail = d -> null;
        final List<String> warnings = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        final List<Runnable> sideWrites = new ArrayList<>();

        /** Writes with {@code edit}; nothing else by default. */
        static <D> Effect<D> writing(Edit edit) {
            Effect<D> effect = new Effect<>();
            effect.edit = edit;
            return effect;
        }

        /**
         * Nothing to write: what the run asks for is recorded already (a re-run of the step that did it).
         * The tracking item is told no comment of it.
         */
        static <D> Effect<D> nothing() {
            return writing((document, decision) -> { });
        }

        /** The record the promotion gates judge; none: no gates. */
        Effect<D> gated(DeploymentRecord record) {
            candidate = record;
            return this;
        }

        /** The record the promotion gates judge, carrying what a test run of {@code slot} recorded. */
        Effect<D> gated(DeploymentRecord record, String slot) {
            testedSlot = slot;
            return gated(record);
        }

        /** A check that must pass before anything is written (unless forced), e.g. the slot a swap makes live. */
        Effect<D> checkBefore(HealthCheck check) {
            before = check;
            return this;
        }

        /** A check after the change whose result is recorded; an unhealthy result fails the run after recording. */
        Effect<D> checkAfter(HealthCheck check) {
            after = check;
            return this;
        }

        /** The change checked health itself; {@code result}, its last check, is the run's health. */
        Effect<D> checked(HealthResult result) {
            checked = result;
            return this;
        }

        /** A deployment users now see: the tracking item gets a deployment comment. */
        Effect<D> newDeployment(boolean value) {
            newDeployment = value;
            return this;
        }

        /** The comment the tracking item gets for this change besides a deployment's. */
        Effect<D> note(Function<Decision, String> value) {
            note = value;
            return this;
        }

        /** The operation itself did not succeed; recorded all the same, then the run fails. */
        Effect<D> failed(Message why) {
            failure = why;
            return this;
        }

        Effect<D> detail(Function<Decision, D> value) {
            detail = value;
            return this;
        }

        /** {@code more} edits too, after the change's own edit: a rule changes of several kinds apply alike. */
        Effect<D> alsoEdits(Edit more) {
            Edit own = edit;
            edit = (document, decision) -> {
                own.apply(document, decision);
                more.apply(document, decision);
            };
            return this;
        }

        Effect<D> warn(String warning) {
            warnings.add(warning);
            return this;
        }

        /**
         * Another file the change writes with {@code write} (idempotent: it runs again at a commit-back
         * that rebases), just before {@code metadata.json}, and commits back with it.
         */
        Effect<D> alsoWrites(Path file, Runnable write) {
            files.add(file);
            sideWrites.add(write);
            return this;
        }
    }
}
