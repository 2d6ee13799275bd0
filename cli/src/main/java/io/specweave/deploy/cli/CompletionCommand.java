package io.specweave.deploy.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code completion}: prints the bash completion script (zsh reads it too, through bashcompinit). */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = SpecweaveDeploy.Version.class,
        description = {"Prints a bash/zsh completion script for specweave-deploy's commands and options.",
                "bash: source <(specweave-deploy completion), or save it in your bash-completion folder.",
                "zsh: autoload -U +X bashcompinit && bashcompinit, then source it."})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpecweaveDeploy root = (SpecweaveDeploy) spec.root().userObject();
        // A run registers only the command it executes; the script needs every command's options.
        CommandLine all = SpecweaveDeploy.withAllCommands(new SpecweaveDeploy(root.runtime()));
        root.runtime().out().print(AutoComplete.bash("specweave-deploy", all));
        root.runtime().out().flush();
        return 0;
    }
}
