package io.specweave.deploy.image;

import io.specweave.deploy.action.GitHubActionMain;
import io.specweave.deploy.cli.SpecweaveDeploy;
import java.util.List;
import java.util.Map;

/**
 * The container image's entry point: one image is both the GitHub Action and the CLI.
 *
 * <ul>
 *   <li>With arguments it is the CLI, run with them ({@code docker run IMAGE status}), wherever it
 *       runs: the runner starts the Action without any (action.yml declares no {@code args}), so
 *       arguments are always someone asking for a command.</li>
 *   <li>Without arguments it is the Action when the environment is a runner's:
 *       {@code GITHUB_ACTIONS=true} or any {@code INPUT_*} variable.</li>
 *   <li>Without either it is the CLI without arguments: its usage, exit code 2, nothing written.</li>
 * </ul>
 *
 * This class only chooses; each front end keeps its own rules.
 */
public final class ImageMain {

    /** Which front end a container start runs. */
    public enum FrontEnd { ACTION, CLI }

    private ImageMain() {
    }

    public static FrontEnd frontEnd(Map<String, String> env, List<String> args) {
        if (!args.isEmpty()) {
            return FrontEnd.CLI;
        }
        boolean runner = "true".equalsIgnoreCase(env.getOrDefault("GITHUB_ACTIONS", "").trim())
                || env.keySet().stream().anyMatch(name -> name.startsWith("INPUT_"));
        return runner ? FrontEnd.ACTION : FrontEnd.CLI;
    }

    public static void main(String[] args) {
        // Run as root on a project that belongs to someone else, core gives what it writes the project's owner.
        if (frontEnd(System.getenv(), List.of(args)) == FrontEnd.ACTION) {
            GitHubActionMain.main(args);
        } else {
            SpecweaveDeploy.main(args);
        }
    }
}
