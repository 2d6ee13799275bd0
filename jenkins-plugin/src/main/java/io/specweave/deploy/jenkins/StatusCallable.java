package io.specweave.deploy.jenkins;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.app.Project;
import io.specweave.deploy.status.PipelineStatus;
import io.specweave.deploy.app.StatusService;
import io.specweave.deploy.report.TextStatusRenderer;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import jenkins.MasterToSlaveFileCallable;

/** Reads an increment's pipeline status on the node holding the workspace: the text view and the data. */
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
            throw new AbortException(e.getMessage());
        }
    }

    Report read(Path dir) {
        PipelineStatus status = new StatusService(Project.open(dir)).status(increment);
        return new Report(new TextStatusRenderer(plain).render(status), PipelineValues.tree(status));
    }

    boolean plain() {
        return plain;
    }

    /** The rendered table and the same status as plain maps and lists. */
    static final class Report implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String text;
        private final LinkedHashMap<String, Object> status;

        Report(String text, LinkedHashMap<String, Object> status) {
            this.text = text;
            this.status = status;
        }

        String text() {
            return text;
        }

        LinkedHashMap<String, Object> status() {
            return status;
        }
    }
}
