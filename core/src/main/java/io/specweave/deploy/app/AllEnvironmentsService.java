package io.specweave.deploy.app;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.ci.CiContext;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy <increment> --all-environments}: records one commit as deployed to every
 * environment of the pipeline, in pipeline order, each through its own profile and tracker, as
 * {@link SyncService} records one. Every deployment passes the promotion gates in turn (so
 * {@code requirePrevious} sees the environment recorded just before) unless forced; the first
 * refusal or failure stops the run, and the environments after it are not recorded.
 */
public final class AllEnvironmentsService {

    private final SyncService sync;

    public AllEnvironmentsService(SyncService sync) {
        this.sync = sync;
    }

    /**
     * @param template what to record in each environment; its profile and environment are ignored
     *                 and must be null
     */
    public AllEnvironmentsResult deploy(Project project, SyncRequest template, CiContext ci) {
        Map<String, SyncProfile> profiles = new LinkedHashMap<>();
        for (String environment : project.config().pipeline()) {
            if (!project.config().profilesForEnvironment(environment).isEmpty()) {
                // Ambiguous environments are refused here, before anything is recorded anywhere.
                profiles.put(environment, project.config().profileForEnvironment(environment));
            }
        }
        if (profiles.isEmpty()) {
            throw new BadInputException(project.config().source() + ": sync.profiles: no profile has an "
                    + "\"environment\"; --all-environments records a deployment to each environment of the pipeline");
        }
        Increment increment = project.increments().resolve(template.increment());
        CiContext facts = ci.overriddenBy(template.commit(), template.branch(), template.tag(), template.deployedBy(),
                template.runUrl());
        if (facts.commit() == null) {
            throw new BadInputException("no commit known: pass --commit (--all-environments records the same commit "
                    + "in every environment, so it must know which one)");
        }
        List<SyncResult> recorded = new ArrayList<>();
        List<String> environments = List.copyOf(profiles.keySet());
        for (int i = 0; i < environments.size(); i++) {
            String environment = environments.get(i);
            SyncRequest request = new SyncRequest(increment.id(), profiles.get(environment).name(), null, null,
                    template.outcome(), facts.commit(), facts.branch(), facts.tag(), facts.actor(), facts.runUrl(),
                    null, false, List.of(), SyncRequest.Attachments.NONE, template.healthCheck(), template.force());
            try {
                recorded.add(sync.sync(project, request, ci));
            } catch (OperationFailedException e) {
                List<String> rest = new ArrayList<>(environments.subList(i, environments.size()));
                if (e instanceof UnhealthyDeploymentException unhealthy) {
                    // Recorded, and unhealthy: the next environments must not follow it.
                    recorded.add(unhealthy.result());
                    rest.remove(0);
                }
                return new AllEnvironmentsResult(increment.id(), facts.commit(), recorded, environment,
                        e.getMessage(), rest);
            }
        }
        return new AllEnvironmentsResult(increment.id(), facts.commit(), recorded, null, null, List.of());
    }
}
