package io.specweave.deploy.app;

import io.specweave.deploy.increment.Deployments;
import io.specweave.deploy.model.Approval;
import io.specweave.deploy.model.ChangeRequest;
import io.specweave.deploy.model.DeploymentRecord;
import io.specweave.deploy.results.Metrics;
import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.SyncProfile;
import io.specweave.deploy.increment.Increment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code approve <increment> --environment E}: appends an approval to the environment's record,
 * and records a change request and metrics. Given before the environment's next deployment, they
 * go with that deployment (see {@code requireApproval} and {@code changeWindow}); given after,
 * they belong to the current one.
 */
public final class ApprovalService {

    private final Clock clock;

    public ApprovalService(Clock clock) {
        this.clock = clock;
    }

    /**
     * What to record; null fields are left as they are.
     *
     * @param by            who approves; null to record only a change request or metrics
     * @param role          their role
     * @param notes         free text
     * @param changeRequest {@code id=...,url=...,approvedAt=...,window=...}
     * @param metrics       a JSON object, or {@code @file}
     */
    public record Request(String increment, String profile, String environment, String by, String role,
            String notes, String changeRequest, String metrics) {
    }

    public record Outcome(Increment increment, String environment, Approval approval, DeploymentRecord record) {
    }

    public Outcome approve(Project project, Request request) {
        SyncProfile profile = project.config().resolveProfile(request.profile(), request.environment());
        String environment = profile.requireEnvironment();
        if (request.by() == null && request.changeRequest() == null && request.metrics() == null) {
            throw new BadInputException("approve: nothing to record; expected --by NAME (with --role and --notes), "
                    + "--change-request or --metrics");
        }
        if (request.by() != null && request.by().isBlank()) {
            throw new BadInputException("approve --by: expected who approves, got an empty value");
        }
        Increment increment = project.increments().resolve(request.increment());
        Approval approval = request.by() == null ? null : new Approval(request.by().trim(), blank(request.role()),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), blank(request.notes()));
        JsonNode change = request.changeRequest() == null ? null
                : ChangeRequest.parse(request.changeRequest()).toNode();
        JsonNode metrics = request.metrics() == null ? null : Metrics.parse(request.metrics(), project.dir());
        DeploymentRecord stored = project.metadata(increment).update(document -> {
            DeploymentRecord current = Deployments.get(document, environment)
                    .orElseGet(() -> DeploymentRecord.builder().profile(profile.name()).build());
            DeploymentRecord.Builder b = current.toBuilder();
            if (approval != null) {
                List<JsonNode> approvals = new ArrayList<>(current.approvals());
                approvals.add(approval.toNode());
                b.approvals(approvals);
            }
            if (change != null) {
                b.changeRequest(change);
            }
            if (metrics != null) {
                b.metrics(metrics);
            }
            DeploymentRecord updated = b.build();
            Deployments.put(document, environment, updated, false);
            return updated;
        });
        return new Outcome(increment, environment, approval, stored);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
