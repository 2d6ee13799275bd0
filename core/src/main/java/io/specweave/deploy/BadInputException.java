package io.specweave.deploy;

/** Bad input: configuration, arguments or files the user must fix. Exit code 2. */
public class BadInputException extends DeployException {

    private static final long serialVersionUID = 1L;

    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        this(null, Message.text(message), null);
    }

    public BadInputException(String message, Throwable cause) {
        this(null, Message.text(message), cause);
    }

    public BadInputException(Message message) {
        this(null, message, null);
    }

    /** Bad input for {@code input}, which the front end names before the message. */
    public BadInputException(Input input, Message message) {
        this(input, message, null);
    }

    public BadInputException(Input input, Message message, Throwable cause) {
        super(input, message, cause);
    }

    private BadInputException(Input input, String credential, Message message, Throwable cause) {
        super(input, credential, message, cause);
    }

    /** Bad input about the credential of the variable {@code variable} (not set, say). */
    public static BadInputException aboutCredential(String variable, Message message) {
        return new BadInputException(null, variable, message, null);
    }

    /**
     * What {@code read} returns; bad input it meets that names no input is rethrown as {@code input}'s,
     * the one its file or value came from, so a front end can title the error with it.
     */
    public static <T> T about(Input input, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BadInputException e) {
            if (e.input() != null) {
                throw e;
            }
            throw new BadInputException(input, e.credential(), e.message(), e);
        }
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
