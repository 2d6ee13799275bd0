package io.specweave.deploy;

/** Bad input: configuration, arguments or files the user must fix. Exit code 2. */
public class BadInputException extends DeployException {

    private static final long serialVersionUID = 1L;

    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
