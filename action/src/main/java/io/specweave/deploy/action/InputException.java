package io.specweave.deploy.action;

import io.specweave.deploy.BadInputException;

/** A bad value of one of the Action's inputs: exit code 2, and the annotation names the input. */
final class InputException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String input;

    InputException(String input, String message) {
        super("input \"" + input + "\": " + message);
        this.input = input;
    }

    InputException(String input, String message, Throwable cause) {
        super("input \"" + input + "\": " + message, cause);
        this.input = input;
    }

    /** The input's name as action.yml declares it. */
    String input() {
        return input;
    }
}
