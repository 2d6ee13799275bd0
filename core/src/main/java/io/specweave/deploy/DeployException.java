package io.specweave.deploy;

/**
 * Base of the two errors a user can meet. Each carries the process exit code the front ends use,
 * and a message written for the person at the terminal: file, field, what was expected, what to do.
 */
public abstract class DeployException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DeployException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit code of a CLI run that ends with this error. */
    public abstract int exitCode();
}
