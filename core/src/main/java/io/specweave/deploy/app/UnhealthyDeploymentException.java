package io.specweave.deploy.app;

import io.specweave.deploy.OperationFailedException;

/**
 * The deployment was recorded (and its tracking item updated), but the health check after it
 * failed. Exit code 1; front ends that report outputs can still read {@link #result()}.
 */
public class UnhealthyDeploymentException extends OperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient SyncResult result;

    public UnhealthyDeploymentException(String message, SyncResult result) {
        super(message);
        this.result = result;
    }

    public SyncResult result() {
        return result;
    }
}
