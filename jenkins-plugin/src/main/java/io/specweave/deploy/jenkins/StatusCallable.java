package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.app.Host;
import io.specweave.deploy.app.Operations;
import io.specweave.deploy.app.Request;
import io.specweave.deploy.report.OutcomeJson;
import io.specweave.deploy.report.TextStatusRenderer;
import io.specweave.deploy.status.PipelineStatus;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/** Reads an increment's pipeline status on the node that holds the workspace. */
final class StatusCallable extends MasterToSlaveFileCallable<StatusCallable.Report> {

    private static final long serialVersionUID = 1L;

    private final String increment;
    private final boolean plain;

    StatusCallable(String increment, boolean plain) {
        this.increment = increment;
        this.plain = plain;
    }

    @Override
    public Report invoke(File dir, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            return read(dir.toPath());
        } catch (DeployException e) {
            throw new AbortException(e.message().render(StepSpelling.INSTANCE));
        }
    }

    Report read(Path dir) {
        PipelineStatus status = new Operations(Host.system(Map.of(), null, null)).status(Request.builder(dir)
                .increment(increment).dora(false).build()).pipeline();
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> values = new LinkedHashMap<>((Map<String, Object>) OutcomeJson.plain(
                Json.mapper().valueToTree(status)));
        return new Report(new TextStatusRenderer(plain).render(status), values);
    }

    boolean plain() {
        return plain;
    }

    /** The text for the log and the map for the script. */
    record Report(String text, LinkedHashMap<String, Object> status) implements Serializable {
    }
}
