package io.specweave.deploy;

/**
 * Base of the two errors a user can meet. Each carries the process exit code the front ends use,
 * and a {@link Message} written for the person at the terminal — file, field, what was expected,
 * what to do — whose inputs each front end names in its own words. {@link #input()} is the input at
 * fault, when one is (the Action titles its annotation with it).
 */
public abstract class DeployException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Message message;
    private final Input input;
    private final String credential;

    protected DeployException(Input input, Message message, Throwable cause) {
        this(input, null, message, cause);
    }

    /** @param credential the variable of the credential at fault, see {@link #credential()}; may be null */
    protected DeployException(Input input, String credential, Message message, Throwable cause) {
        super(message.toString(), cause);
        this.message = message;
        this.input = input;
        this.credential = credential;
    }

    /** The message; {@link #getMessage()} is the same in core's own words. */
    public Message message() {
        return message == null ? Message.text(getMessage()) : message;
    }

    /** The input at fault, or null when the fault is not one input's (a file, a tracker). */
    public Input input() {
        return input != null ? input : message().inputs().stream().findFirst().orElse(null);
    }

    /**
     * The variable of the credential at fault ({@code GITHUB_TOKEN}: missing, or refused by its
     * tracker), or null: a front end that takes that credential as an input can title the error with it.
     */
    public String credential() {
        return credential;
    }

    /** The exit code of a CLI run that ends with this error. */
    public abstract int exitCode();

    /**
     * What a front end says of {@code e}, which ended an operation: a DeployException's message in the
     * front end's words; anything else is a bug of ours, named as one ({@code unexpected
     * IllegalStateException: ...}).
     */
    public static String describe(Throwable e, Message.Spelling spelling) {
        return e instanceof DeployException de ? de.message().render(spelling) : "unexpected "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The exit code a run that {@code e} ended exits with: a DeployException's own, else 1. */
    public static int exitCodeOf(Throwable e) {
        return e instanceof DeployException de ? de.exitCode() : 1;
    }
}
