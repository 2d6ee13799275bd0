package io.specweave.deploy;

/**
 * A value given as text that is not of its input's kind ({@code yes} for a switch, {@code abc} for
 * a number). The message names the input, as each front end spells it ({@code --dry-run: },
 * {@code input "dry-run": }, {@code dryRun: }), then says what was expected and what came.
 */
public final class InputValueException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public InputValueException(Input input, String expectedAndGot) {
        super(input, Message.of(new Message.Name(input), ": " + expectedAndGot));
    }
}
