package io.specweave.deploy;

/**
 * A value given as text that is not of its input's kind ({@code yes} for a switch, {@code abc} for
 * a number). The message says only what was expected and what came: the front end names the input
 * its own way before it ({@code input "dry-run": }, {@code dryRun: }).
 */
public final class InputValueException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public InputValueException(Input input, String expectedAndGot) {
        super(input, Message.text(expectedAndGot));
    }
}
