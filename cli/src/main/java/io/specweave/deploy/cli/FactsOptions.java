package io.specweave.deploy.cli;

import io.specweave.deploy.app.Request;
import picocli.CommandLine.Option;

/** What was deployed, when the run's own facts (GitHub Actions, Jenkins, git) are not the ones to record. */
final class FactsOptions implements OperationCommand.RequestOptions {

    @Option(names = "--commit", description = "Commit SHA (default: from CI or git); rollback: the version to go "
            + "back to.")
    String commit;

    @Option(names = "--branch", description = "Branch (default: from CI or git).")
    String branch;

    @Option(names = "--tag", description = "Tag (default: from CI or git).")
    String tag;

    @Option(names = "--deployed-by", description = "Who deployed (default: the CI actor or git user).")
    String deployedBy;

    @Option(names = "--run-url", description = "Link to the pipeline run (default: from CI).")
    String runUrl;

    @Override
    public Request.Builder applyTo(Request.Builder b) {
        return b.commit(commit).branch(branch).tag(tag).deployedBy(deployedBy).runUrl(runUrl);
    }
}
