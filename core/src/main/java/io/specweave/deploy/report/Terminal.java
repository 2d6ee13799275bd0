package io.specweave.deploy.report;

import java.util.Map;

/**
 * What the output of a command line goes to, from the conventions its environment follows: emoji
 * off with {@code NO_COLOR} (https://no-color.org) or a dumb terminal; colours on a console, in GitHub
 * Actions' log (which shows them) or with {@code FORCE_COLOR}; progress rewritten in place only on a
 * console that is not a CI log ({@code CI=true}, GitHub Actions, Jenkins), whose viewers show every
 * {@code \r} as a new line.
 *
 * @param plain       ASCII marks instead of emoji, no colours
 * @param colour      ANSI colours
 * @param interactive a person watching a terminal, who gets progress rewritten in place
 */
public record Terminal(boolean plain, boolean colour, boolean interactive) {

    public static Terminal of(Map<String, String> env, boolean console) {
        boolean plain = env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM"));
        boolean actions = "true".equals(env.get("GITHUB_ACTIONS"));
        return new Terminal(plain, !plain && (env.containsKey("FORCE_COLOR") || actions || console),
                console && !"true".equalsIgnoreCase(env.get("CI")) && !actions && !env.containsKey("JENKINS_URL"));
    }
}
