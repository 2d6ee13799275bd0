package io.specweave.deploy.increment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataMergeTest {

    private static final String BASE = """
            {
              "id": "0002-password-reset",
              "status": "active",
              "deployments": {
                "dev": {"commit": "a100000", "status": "deployed"}
              }
            }
            """;

    @Test
    void recordsOfDifferentEnvironmentsFromBothSidesAreKept() {
        String ours = BASE.replace("\"dev\": {\"commit\": \"a100000\", \"status\": \"deployed\"}",
                "\"dev\": {\"commit\": \"a100000\", \"status\": \"deployed\"}, \"uat\": {\"commit\": \"b100000\"}");
        String theirs = BASE.replace("\"dev\": {\"commit\": \"a100000\", \"status\": \"deployed\"}",
                "\"dev\": {\"commit\": \"a100000\", \"status\": \"deployed\"}, \"qa\": {\"commit\": \"c100000\"}");

        String merged = MetadataMerge.threeWay(BASE, ours, theirs, false).orElseThrow().text();

        assertThat(merged).contains("\"qa\"").contains("c100000").contains("\"uat\"").contains("b100000");
        assertThat(merged.indexOf("\"qa\"")).as("the branch's order, ours after it").isLessThan(merged.indexOf("\"uat\""));
    }

    @Test
    void oneRecordChangedOnBothSidesIsNotMergedFieldByFieldButTakenWholeFromTheSideAskedFor() {
        String ours = BASE.replace("\"status\": \"deployed\"}", "\"status\": \"deployed\", \"testResults\": {\"passed\": 3}}");
        String theirs = BASE.replace("a100000", "d100000");

        MetadataMerge.Merged theirsKept = MetadataMerge.threeWay(BASE, ours, theirs, false).orElseThrow();
        assertThat(theirsKept.collisions()).containsExactly("deployments.dev");
        assertThat(theirsKept.text()).contains("d100000").doesNotContain("testResults");
        MetadataMerge.Merged oursKept = MetadataMerge.threeWay(BASE, ours, theirs, true).orElseThrow();
        assertThat(oursKept.collisions()).containsExactly("deployments.dev");
        assertThat(oursKept.text()).contains("testResults").doesNotContain("d100000");
    }

    @Test
    void theSameChangeOnBothSidesAndAValueOnlyOneSideChangedMerge() {
        String ours = BASE.replace("\"status\": \"active\"", "\"status\": \"completed\"").replace("a100000", "d100000");
        String theirs = BASE.replace("a100000", "d100000").replace("{\n  \"id\"", "{\n  \"team\": \"web\",\n  \"id\"");

        MetadataMerge.Merged merged = MetadataMerge.threeWay(BASE, ours, theirs, false).orElseThrow();

        assertThat(merged.collisions()).isEmpty();
        assertThat(merged.text()).contains("\"status\": \"completed\"").contains("d100000").contains("\"team\": \"web\"");
    }

    @Test
    void aKeyOneSideRemovedIsRemovedAndATopValueBothChangedIsACollision() {
        String ours = BASE.replace("\"status\": \"active\",\n", "");
        assertThat(MetadataMerge.threeWay(BASE, ours, BASE.replace("a100000", "d100000"), false).orElseThrow().text())
                .doesNotContain("\"status\": \"active\"");

        assertThat(MetadataMerge.threeWay(BASE, BASE.replace("active", "completed"), BASE.replace("active", "abandoned"),
                false).orElseThrow().collisions()).containsExactly("status");
    }

    @Test
    void theResultIsLaidOutAsTheBranchsFileIs() {
        String theirs = BASE.replace("a100000", "d100000").strip().replace("\n", "\r\n");

        String merged = MetadataMerge.threeWay(BASE, BASE.replace("active", "completed"), theirs, false).orElseThrow()
                .text();

        assertThat(merged).contains("\r\n").doesNotEndWith("\n");
    }

    @Test
    void whenTheOtherSideBroughtNothingNewOursIsKeptAsItIsWritten() {
        String ours = "{\"id\": \"0002-password-reset\", \"status\": \"completed\", \"deployments\": "
                + "{\"dev\": {\"commit\": \"a100000\", \"status\": \"deployed\"}}}";

        assertThat(MetadataMerge.threeWay(BASE, ours, BASE, false).orElseThrow().text()).isSameAs(ours);
    }

    @Test
    void aTextThatIsNoJsonObjectIsNotMerged() {
        assertThat(MetadataMerge.threeWay(BASE, "{ half", BASE, false)).isEmpty();
        assertThat(MetadataMerge.threeWay(BASE, BASE, null, false)).isEmpty();
        assertThat(MetadataMerge.threeWay(null, BASE.replace("active", "completed"), "{\"id\": \"0002-password-reset\"}",
                false).orElseThrow().text()).as("no common version: what only ours has is added").contains("\"status\": \"completed\"");
    }
}
