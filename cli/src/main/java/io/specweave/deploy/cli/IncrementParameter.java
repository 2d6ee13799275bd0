package io.specweave.deploy.cli;

import picocli.CommandLine.Parameters;

/** The increment a command works on: the first argument. */
final class IncrementParameter {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INCREMENT",
            description = "Increment id (0018, 18, 0018-name) or 'active' (default).")
    String increment;
}
