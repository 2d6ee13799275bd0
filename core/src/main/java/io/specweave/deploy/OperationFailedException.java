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

    private OperationFailedException(String credential, Message message) {
        super(null, credential, message, null);
    }

    /** A failure because of the credential of the variable {@code variable} (its tracker refused it, say). */
    public static OperationFailedException aboutCredential(String variable, Message message) {
        return new OperationFailedException(variable, message);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
