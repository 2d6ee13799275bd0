package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.tracker.ado.AdoIdentityFixture;
import io.specweave.deploy.tracker.github.GithubIdentityFixture;
import io.specweave.deploy.tracker.jira.JiraIdentityFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity rule is one rule: every provider keeps the oldest item of a creation race, marks
 * only open items that carry the same marker, and leaves another identity's look-alike and closed
 * items as they are.
 */
class TrackerIdentityRaceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> providers() {
        return Stream.<Supplier<IdentityFixture>>of(GithubIdentityFixture::new, JiraIdentityFixture::new,
                AdoIdentityFixture::new).map(make -> {
                    IdentityFixture fixture = make.get();
                    return Arguments.of(fixture.name(), fixture);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aLostCreationRaceAdoptsTheOldestAndMarksOnlyOpenItemsOfTheSameMarker(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            // Same labels, same title, but the marker of another environment whose name starts alike.
            String lookAlike = fake.seed("qa-east", false);
            String lookAlikeBefore = fake.snapshot(lookAlike);
            AtomicReference<String> otherRun = new AtomicReference<>();
            fake.beforeNextCreate(() -> otherRun.set(fake.seed("qa", false)));

            TrackingRef first = project.sync(fake.profile(), "aaa1110", 1).tracking();

            List<String> ids = fake.ids();
            String mine = ids.get(ids.size() - 1);
            assertThat(ids).containsExactly(lookAlike, otherRun.get(), mine);
            assertThat(first.id()).as("the older item of the racing run is kept").isEqualTo(otherRun.get());
            assertThat(first.created()).isFalse();
            assertThat(fake.markedAsDuplicateOf(mine, otherRun.get())).as("this run's own item is the duplicate").isTrue();
            assertThat(fake.markedAsDuplicateOf(otherRun.get(), mine)).isFalse();
            assertThat(first.warnings()).anyMatch(w -> w.contains("uplicate") && w.contains(otherRun.get()));
            assertThat(fake.snapshot(lookAlike)).as("another identity's item").isEqualTo(lookAlikeBefore);

            // Later: someone closed one copy, a crashed run left an open one, and the link is lost.
            String closed = fake.seed("qa", true);
            String leftOver = fake.seed("qa", false);
            String closedBefore = fake.snapshot(closed);
            project.forgetLink("qa");

            TrackingRef second = project.sync(fake.profile(), "bbb2220", 2).tracking();

            assertThat(second.id()).as("the oldest item carrying the marker").isEqualTo(otherRun.get());
            assertThat(second.created()).isFalse();
            assertThat(fake.markedAsDuplicateOf(leftOver, otherRun.get())).as("the open left-over").isTrue();
            assertThat(fake.snapshot(closed)).as("a closed item is neither reopened nor marked").isEqualTo(closedBefore);
            assertThat(fake.snapshot(lookAlike)).as("another identity's item").isEqualTo(lookAlikeBefore);
            assertThat(fake.ids()).hasSize(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aWonCreationRaceKeepsItsItemAndLeavesTheNewerRunsItemToThatRun(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            // A racing run creates its item just after this run's: that run's own check marks it.
            AtomicReference<String> newer = new AtomicReference<>();
            fake.afterNextCreate(() -> newer.set(fake.seed("qa", false)));

            TrackingRef first = project.sync(fake.profile(), "aaa1110", 1).tracking();

            assertThat(first.created()).isTrue();
            assertThat(fake.ids()).containsExactly(first.id(), newer.get());
            assertThat(fake.markedAsDuplicateOf(newer.get(), first.id())).as("another run's item, still being synced")
                    .isFalse();
            assertThat(first.warnings()).noneMatch(w -> w.contains("uplicate"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aLostCreationRaceTellsThisDeploymentOnTheKeptItemWhenTheOtherRunToldAnother(String provider,
            IdentityFixture fake) {
        try (fake) {
            // Two deployments at once: the other run, deploying ccc3330, created its item first.
            List<String> comments = commentsAfterLosingARaceTo(fake, "ccc3330", 9);

            assertThat(comments).as("this run's deployment, told once on the kept item")
                    .filteredOn(c -> c.contains("aaa1110")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aLostCreationRaceAddsNoCommentWhenTheOtherRunToldThisDeployment(String provider, IdentityFixture fake) {
        try (fake) {
            // A second job of the same run and commit (a matrix) created the item first.
            List<String> comments = commentsAfterLosingARaceTo(fake, "aaa1110", 1);

            assertThat(comments).noneMatch(c -> c.contains("aaa1110"));
        }
    }

    /**
     * Syncs aaa1110 of run 1 while another run, which told {@code otherCommit} of {@code otherRun},
     * creates its item a moment earlier; returns the comments of the item kept, the other run's.
     */
    private List<String> commentsAfterLosingARaceTo(IdentityFixture fake, String otherCommit, int otherRun) {
        TrackerProject project = fake.project(dir);
        AtomicReference<String> other = new AtomicReference<>();
        fake.beforeNextCreate(() -> other.set(fake.seedTelling(ItemTelling.deploymentKey("qa", otherCommit,
                "https://ci.example.com/runs/" + otherRun, null, "deployed"))));

        TrackingRef kept = project.sync(fake.profile(), "aaa1110", 1).tracking();

        assertThat(kept.id()).as("the other run's item, the older one").isEqualTo(other.get());
        return fake.comments(kept.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aReRunFromACheckoutWithoutTheRecordTellsTheSameDeploymentNoSecondTime(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            String item = project.sync(fake.profile(), "aaa1110", 1).tracking().id();
            List<String> told = fake.comments(item);
            // The job is re-run from a checkout that never got the first run's metadata.json.
            project.forgetRecord("qa");

            TrackingRef again = project.sync(fake.profile(), "aaa1110", 1).tracking();

            assertThat(again.id()).isEqualTo(item);
            assertThat(fake.comments(item)).as("the same deployment, told by the item already").isEqualTo(told);

            project.sync(fake.profile(), "bbb2220", 2);

            assertThat(fake.comments(item)).hasSize(told.size() + 1).last().asString().contains("bbb2220");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theSameDeploymentFinishedFromACheckoutWithoutTheRecordIsToldAgain(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            String item = project.sync(fake.profile(), "aaa1110", 1, Request.Outcome.IN_PROGRESS).tracking().id();
            project.sync(fake.profile(), "aaa1110", 1, Request.Outcome.DEPLOYED);
            int told = fake.comments(item).size();
            project.sync(fake.profile(), "aaa1110", 1, Request.Outcome.DEPLOYED);
            assertThat(fake.comments(item)).as("the same deployment in the same state").hasSize(told);
            // The finishing job of another attempt runs from a checkout that never got the in-progress record.
            project.sync(fake.profile(), "bbb2220", 2, Request.Outcome.IN_PROGRESS);
            int before = fake.comments(item).size();
            project.forgetRecord("qa");

            project.sync(fake.profile(), "bbb2220", 2, Request.Outcome.FAILED);

            assertThat(fake.comments(item)).as("its new state, so the last comment is not stale")
                    .hasSize(before + 1).last().asString().contains("bbb2220");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theMarkerLookupReadsPastTheFirstPageAndKeepsTheOldestAcrossPages(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            String oldest = fake.seed("qa", false);
            // More look-alikes than a page holds (GitHub's 100, the fake Jira's 50) or a read by ids takes (ADO's 200).
            for (int i = 0; i < 250; i++) {
                fake.seed("qa-east", false);
            }
            String newer = fake.seed("qa", false);

            TrackingRef found = project.sync(fake.profile(), "aaa1110", 1).tracking();

            assertThat(found.id()).as("the oldest, on the first page").isEqualTo(oldest);
            assertThat(found.created()).isFalse();
            assertThat(fake.markedAsDuplicateOf(newer, oldest)).as("the newer one, on the last page").isTrue();
            assertThat(fake.ids()).hasSize(252);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void pastTheLookupLimitWithoutTheMarkerTheSyncFailsAndCreatesNothing(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            for (int i = 0; i < ItemIdentity.LOOKUP_LIMIT; i++) {
                fake.seed("qa-east", false);
            }
            // The item itself, just past what the lookup reads: a new one would duplicate it.
            String past = fake.seed("qa", false);
            String before = fake.snapshot(past);

            assertThatThrownBy(() -> project.sync(fake.profile(), "aaa1110", 1))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("more than " + ItemIdentity.LOOKUP_LIMIT)
                    .hasMessageContaining("nothing was created");
            assertThat(fake.ids()).hasSize(ItemIdentity.LOOKUP_LIMIT + 1);
            assertThat(fake.snapshot(past)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void readingTheRecordCopyMarksNothing(String provider, IdentityFixture fake) {
        try (fake) {
            TrackerProject project = fake.project(dir);
            String kept = project.sync(fake.profile(), "aaa1110", 1).tracking().id();
            String duplicate = fake.seed("qa", false);
            String before = fake.snapshot(duplicate);
            project.forgetLink("qa");

            assertThat(project.readRecord(fake.profile())).get()
                    .satisfies(copy -> assertThat(copy.path("commit").asText()).isEqualTo("aaa1110"));
            assertThat(fake.snapshot(duplicate)).isEqualTo(before);
            assertThat(fake.markedAsDuplicateOf(duplicate, kept)).isFalse();
        }
    }
}
