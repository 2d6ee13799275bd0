package io.specweave.deploy.action;

import io.specweave.deploy.BadInputException;

/** A bad value of an input only the Action has ({@code command}, {@code working-directory}): exit code 2. */
final class InputException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String input;

    InputException(String input, String message) {
        super("input \"" + input + "\": " + message);
        this.input = input;
    }

    /** The input's name as action.yml declares it. */
    String name() {
        return input;
    }
}
