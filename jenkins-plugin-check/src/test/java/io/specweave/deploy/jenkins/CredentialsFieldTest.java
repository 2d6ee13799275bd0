package io.specweave.deploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;

/** The Snippet Generator's credentials list for specweaveSync. */
class CredentialsFieldTest {

    private final SpecweaveSyncStep.DescriptorImpl descriptor = new SpecweaveSyncStep.DescriptorImpl();

    @Test
    void outsideAJobOnlyTheEnteredIdIsListed() {
        ListBoxModel items = descriptor.doFillCredentialsIdItems(null, "github-token");

        assertThat(items).extracting(o -> o.value).containsExactly("github-token");
    }

    @Test
    void whoMayNotSeeTheJobsCredentialsGetsOnlyTheEnteredId() {
        ListBoxModel items = descriptor.doFillCredentialsIdItems(new JobWithoutRights(), "ado-pat");

        assertThat(items).extracting(o -> o.value).containsExactly("ado-pat");
    }

    @Test
    void onlySecretTextsAndUsernamesWithPasswordAreOffered() {
        assertThat(CredentialLookup.TRACKER.usable.matches(new Fakes.SecretText("gh", "t"))).isTrue();
        assertThat(CredentialLookup.TRACKER.usable.matches(new Fakes.UsernamePassword("jira", "me", "t"))).isTrue();
        assertThat(CredentialLookup.TRACKER.usable.matches(new Fakes.SshKey("deploy-key"))).isFalse();
    }

    @Test
    void staplerFindsTheFillMethodByTheFieldsName() throws Exception {
        Method fill = SpecweaveSyncStep.DescriptorImpl.class.getMethod("doFillCredentialsIdItems", Item.class,
                String.class);

        assertThat(fill.getParameters()[0].isAnnotationPresent(AncestorInPath.class)).isTrue();
        assertThat(fill.getParameters()[1].isAnnotationPresent(QueryParameter.class)).isTrue();
        assertThat(fill.getReturnType()).isEqualTo(ListBoxModel.class);
        // It checks permissions, so it answers POST only (Jenkins' form fill posts, with the crumb).
        for (String name : List.of("doFillCredentialsIdItems", "doFillGitCredentialsIdItems")) {
            assertThat(SpecweaveSyncStep.DescriptorImpl.class.getMethod(name, Item.class, String.class)
                    .isAnnotationPresent(org.kohsuke.stapler.verb.POST.class)).as(name).isTrue();
        }
    }

    /** A job whose viewer may neither extended-read it nor use its credentials. */
    private static final class JobWithoutRights implements Item {
        @Override
        public ACL getACL() {
            throw new UnsupportedOperationException("permissions are asked through hasPermission");
        }

        @Override
        public boolean hasPermission(Permission permission) {
            return false;
        }
    }
}
