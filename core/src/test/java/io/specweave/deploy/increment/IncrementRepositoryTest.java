package io.specweave.deploy.increment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementRepositoryTest {

    @TempDir
    Path dir;

    TestProject project;
    IncrementRepository repository;

    @BeforeEach
    void setUp() {
        project = TestProject.in(dir).localProfiles("dev")
                .increment("0018-oauth-google-integration", "OAuth", "{\"status\": \"active\"}")
                .increment("0007-search", "Search", "{\"status\": \"completed\"}")
                .increment("_archive/0003-old-thing", "Old", "{\"status\": \"completed\"}")
                .increment("_abandoned/0004-dropped", "Dropped", null)
                .increment("_paused/0005-later", "Later", "{\"status\": \"paused\"}")
                .increment("_backlog/0006-someday", "Someday", "{\"status\": \"backlog\"}");
        repository = new IncrementRepository(dir.resolve(".specweave"));
    }

    @Test
    void resolvesPaddedUnpaddedAndFullIds() {
        assertThat(repository.resolve("0018").id()).isEqualTo("0018-oauth-google-integration");
        assertThat(repository.resolve("18").id()).isEqualTo("0018-oauth-google-integration");
        assertThat(repository.resolve("0018-oauth-google-integration").number()).isEqualTo(18);
        assertThat(repository.resolve("0018-oauth").id()).isEqualTo("0018-oauth-google-integration");
    }

    @Test
    void findsIncrementsInArchiveAbandonedPausedAndBacklog() {
        assertThat(repository.resolve("3").location()).isEqualTo("_archive");
        assertThat(repository.resolve("0004").location()).isEqualTo("_abandoned");
        assertThat(repository.resolve("0005-later").location()).isEqualTo("_paused");
        assertThat(repository.resolve("6").location()).isEqualTo("_backlog");
        assertThat(repository.list()).extracting(Increment::id)
                .containsExactly("0007-search", "0018-oauth-google-integration", "0003-old-thing", "0004-dropped",
                        "0005-later", "0006-someday");
    }

    @Test
    void unknownIncrementListsCandidates() {
        assertThatThrownBy(() -> repository.resolve("0099")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such increment")
                .hasMessageContaining("0007-search")
                .hasMessageContaining("_archive/0003-old-thing");
    }

    @Test
    void numberUsedTwiceIsAmbiguousAndNamesBoth() {
        project.increment("0007-search-v2", "Search again", null);
        assertThatThrownBy(() -> repository.resolve("7")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("0007-search,")
                .hasMessageContaining("0007-search-v2");
        assertThat(repository.resolve("0007-search").id()).isEqualTo("0007-search");
    }

    @Test
    void pathsAreRejected() {
        for (String ref : new String[] {"../x", "/etc/passwd", "0018/../../x", "a\\b"}) {
            assertThatThrownBy(() -> repository.resolve(ref)).as(ref).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("not a path");
        }
    }

    @Test
    void aFolderNameWithLettersBeyondAsciiOrASpaceIsAnIdInFull() {
        for (String id : new String[] {"0004-café", "0005-connexion-sécurisée-日本語", "0006-My Feature"}) {
            project.increment(id, "Title", null);
            assertThat(repository.resolve(id).id()).as(id).isEqualTo(id);
        }
        assertThat(repository.resolve("0006-my feature").id()).as("in any case").isEqualTo("0006-My Feature");
        assertThat(repository.resolve("0004-cafe\u0301").id()).as("é as e and an accent, as macOS keeps it")
                .isEqualTo("0004-café");
        assertThat(repository.resolve("0005-connexion-sécurisée").id()).isEqualTo("0005-connexion-sécurisée-日本語");
    }

    @Test
    void aFolderThatIsNoIncrementIsNotListedAndNamingItSaysWhy() {
        project.file(".specweave/increments/notes/readme.md", "team notes");
        project.file(".specweave/increments/_archive/old-docs/readme.md", "old");
        assertThat(repository.list()).extracting(Increment::id).doesNotContain("notes", "old-docs");
        for (String ref : new String[] {"notes", "Notes", "old-docs"}) {
            assertThatThrownBy(() -> repository.resolve(ref)).as(ref).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("is not an increment folder: SpecWeave's are named by their number and "
                            + "name, such as 0018-oauth-google; pass the id of one of those");
        }
        assertThat(repository.incrementsDir().resolve("notes/metadata.json")).doesNotExist();
        assertThatThrownBy(() -> repository.resolve("_archive")).hasMessageContaining("is not an increment folder")
                .hasMessageContaining("SpecWeave's folder of increments moved out of the active list");
    }

    @Test
    void specweavesExternalAndThreeDigitIncrementsAreIncrements() {
        project.increment("0111E-imported", "Imported", null).increment("042-short", "Short", null);
        assertThat(repository.resolve("111").id()).isEqualTo("0111E-imported");
        assertThat(repository.resolve("42").id()).isEqualTo("042-short");
    }

    @Test
    void oneIncrementInTwoPlacesIsListedOnceAsTheOneInIncrements() {
        project.increment("_archive/0018-oauth-google-integration", "OAuth (archived copy)", "{\"status\": \"completed\"}");
        project.increment("_abandoned/0003-old-thing", "Old again", null);
        assertThat(repository.list()).filteredOn(i -> i.id().equals("0018-oauth-google-integration"))
                .singleElement().extracting(Increment::location).isEqualTo("increments");
        assertThat(repository.list()).filteredOn(i -> i.id().equals("0003-old-thing"))
                .singleElement().extracting(Increment::location).isEqualTo("_archive");
    }

    private static final String STATE = ".specweave/state/active-increment.json";

    @Test
    void activeFromSpecweaveStateNewAndOldForms() {
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        project.file(STATE, "{\"ids\": [\"0007-search\"]}");
        assertThat(repository.resolve("active").id()).isEqualTo("0007-search");
        project.file(STATE, "{\"id\": \"0018-oauth-google-integration\"}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(STATE, "{\"ids\": [\"0007-search\", \"0018\"]}");
        assertThatThrownBy(() -> repository.active()).hasMessageContaining("2 increments are active")
                .hasMessageContaining("0007-search, 0018-oauth-google-integration");
    }

    @Test
    void aStateFileNamingOneIdAsAStringInsteadOfAListNamesThatOne() {
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        project.file(STATE, "{\"ids\": \"0007-search\"}");
        assertThat(repository.active().id()).isEqualTo("0007-search");
    }

    @Test
    void aStateFileWhoseIdsAreNeitherAListNorAnIdIsNamedWhenTheMetadataCannotChoose() {
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        project.file(STATE, "{\"ids\": 7}");
        assertThatThrownBy(() -> repository.active()).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("2 increments are active")
                .hasMessageContaining(STATE + ": ids: expected a list of increment ids such as [\"0018-oauth-google\"], "
                        + "got 7");
    }

    @Test
    void aStatePointerToAnIncrementNoLongerActiveIsPassedOverAsSpecweaveDoes() {
        // SpecWeave's MetadataManager.getActive: one stale id in the state file, and the metadata decides.
        project.file(STATE, "{\"ids\": [\"0007-search\"]}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(STATE, "{\"ids\": [\"0018-oauth-google-integration\", \"0099-gone\"]}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(STATE, "{\"ids\": [\"0007-search\"]}");
        project.file(".specweave/increments/0018-oauth-google-integration/metadata.json", "{\"status\": \"done\"}");
        assertThatThrownBy(() -> repository.active()).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("no active increment: ")
                .hasMessageEndingWith(STATE + " names 0007-search (its status is completed), which is not active and no "
                        + "increment's metadata.json has \"status\": \"active\"; pass the increment id");
    }

    @Test
    void aBrokenStateFileIsPassedOverButNamedWhenTheMetadataCannotChooseEither() {
        project.file(STATE, "{\"ids\": [\"0007-search\"");
        assertThat(repository.active().id()).as("one active by its metadata").isEqualTo("0018-oauth-google-integration");
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        assertThatThrownBy(() -> repository.active()).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("2 increments are active")
                .hasMessageContaining(STATE + ": not valid JSON")
                .hasMessageEndingWith("pass the increment id instead of \"active\"");
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"completed\"}");
        project.file(".specweave/increments/0018-oauth-google-integration/metadata.json", "{\"status\": \"done\"}");
        assertThatThrownBy(() -> repository.active()).hasMessageStartingWith("no active increment: ")
                .hasMessageContaining(STATE + ": not valid JSON");
    }

    /** SpecWeave's MetadataManager lists increments/ only and reads a pointer as increments/<id>. */
    @Test
    void anArchivedIncrementLeftActiveIsNotActiveAsSpecweaveSeesIt() {
        project.file(".specweave/increments/_archive/0003-old-thing/metadata.json", "{\"status\": \"active\"}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(STATE, "{\"ids\": [\"0003-old-thing\"]}");
        assertThat(repository.active().id()).as("a pointer into _archive is stale").isEqualTo("0018-oauth-google-integration");
    }

    @Test
    void oneIncrementInTwoPlacesIsTheOneInIncrementsAsSpecweaveReadsIt() {
        project.increment("_archive/0018-oauth-google-integration", "OAuth (archived copy)", "{\"status\": \"completed\"}");
        assertThat(repository.resolve("0018-oauth-google-integration").location()).isEqualTo("increments");
        assertThat(repository.resolve("18").location()).isEqualTo("increments");
        project.increment("_abandoned/0003-old-thing", "Old again", null);
        assertThat(repository.resolve("0003-old-thing").location()).as("lifecycle folders in their order")
                .isEqualTo("_archive");
    }

    @Test
    void anActiveStatusWinsOverASpellingSpecweaveDoesNotKnow() {
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"in-progress\"}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(".specweave/increments/0018-oauth-google-integration/metadata.json", "{\"status\": \"completed\"}");
        assertThat(repository.active().id()).as("none is active: the other spelling counts").isEqualTo("0007-search");
    }

    @Test
    void activeFallsBackToTheSingleActiveMetadataStatus() {
        project.file(".specweave/state/active-increment.json", "{\"ids\": []}");
        assertThat(repository.active().id()).isEqualTo("0018-oauth-google-integration");
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        assertThatThrownBy(() -> repository.active()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("0007-search").hasMessageContaining("0018-oauth-google-integration");
    }

    @Test
    void noActiveIncrementSaysHowToChooseOne() {
        project.file(".specweave/increments/0018-oauth-google-integration/metadata.json", "{\"status\": \"done\"}");
        assertThatThrownBy(() -> repository.active()).hasMessageContaining("no active increment")
                .hasMessageContaining("pass the increment id");
    }

    @Test
    void twoActiveIncrementsAreChosenByTheRunsSpecweaveBranch() {
        project.file(".specweave/increments/0007-search/metadata.json", "{\"status\": \"active\"}");
        project.file(".specweave/state/active-increment.json", "{\"ids\": [\"0007-search\", \"0018-oauth-google-integration\"]}");
        assertThat(repository.resolve("active", "sw/0018-oauth-google-integration", "sw/").id())
                .isEqualTo("0018-oauth-google-integration");
        assertThat(repository.resolve("active", "refs/heads/sw/0007", "sw/").id()).isEqualTo("0007-search");
        // SpecWeave puts an external key before the prefix when cicd.git.includeExternalKey is set
        assertThat(repository.resolve("active", "PROJ-12/sw/0007-search", "sw/").id()).isEqualTo("0007-search");
        assertThat(repository.resolve("active", "feature/0018-oauth-google-integration", "feature/").id())
                .isEqualTo("0018-oauth-google-integration");
        assertThatThrownBy(() -> repository.resolve("active", "main", "sw/")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 increments are active")
                .hasMessageContaining("0007-search, 0018-oauth-google-integration")
                .hasMessageContaining("the run's branch \"main\" belongs to neither")
                .hasMessageContaining("sw/<id>");
        assertThatThrownBy(() -> repository.resolve("active", "sw/0099-other", "sw/"))
                .hasMessageContaining("belongs to neither");
    }

    @Test
    void twoActiveIncrementsAreChosenByTheBranchOfTheirPullRequest() {
        project.file(".specweave/increments/0007-search/metadata.json", """
                {"status": "active", "prRefs": [{"branch": "search-rework", "prNumber": 4, "state": "open"}]}
                """);
        assertThat(repository.resolve("active", "search-rework", "sw/").id()).isEqualTo("0007-search");
        assertThatThrownBy(() -> repository.resolve("active", null, "sw/"))
                .hasMessageContaining("the run's branch is not known");
    }
}
