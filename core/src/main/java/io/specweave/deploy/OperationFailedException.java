package io.specweave.deploy;

/** The input was fine but the operation failed: tracker error, unhealthy service, refused gate. Exit code 1. */
public class OperationFailedException extends DeployException {

    private static final long serialVersionUID = 1L;

    public static final int EXIT_CODE = 1;

    public OperationFailedException(String message) {
        this(Message.text(message), null);
    }

    public OperationFailedException(String message, Throwable cause) {
        this(Message.text(message), cause);
    }

    public OperationFailedException(Message message) {
        this(message, null);
    }

    public OperationFailedException(Message message, Throwable cause) {
        super(null, message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
