package io.specweave.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir}: the project folder holding {@code .specweave}. */
final class ProjectOptions {

    @Option(names = {"-C", "--dir"}, paramLabel = "PROJECT", defaultValue = ".",
            description = "Project folder holding .specweave (default: the current folder).")
    Path dir;
}
