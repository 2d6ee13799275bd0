package io.specweave.deploy.action;

import io.specweave.deploy.BadInputException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Core's messages speak the CLI's words ({@code --slot}); in the Action the same choices are
 * inputs. A bad-input message is rewritten to name the inputs, and the first one named becomes
 * the annotation's title.
 */
final class InputWords {

    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z-]*[a-z])");

    /** CLI options whose input has another name. */
    private static final Map<String, String> RENAMED = Map.of("by", "approved-by", "no-health-check", "health-check");

    private InputWords() {
    }

    /** Runs a core call; a {@link BadInputException} from it comes back naming inputs instead of options. */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (InputException e) {
            throw e;
        } catch (BadInputException e) {
            throw translate(e);
        }
    }

    /** Options in the prose are rewritten; a command quoted in backticks ({@code `approve --by NAME`}) stays as typed. */
    static BadInputException translate(BadInputException e) {
        String[] parts = e.getMessage().split("`", -1);
        StringBuilder out = new StringBuilder();
        String first = null;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('`');
            }
            if (i % 2 == 1) {
                out.append(parts[i]);
                continue;
            }
            Matcher m = OPTION.matcher(parts[i]);
            while (m.find()) {
                String input = input(m.group(1));
                if (input != null && first == null) {
                    first = input;
                }
                m.appendReplacement(out, Matcher.quoteReplacement(input == null ? m.group() : "the " + input + " input"));
            }
            m.appendTail(out);
        }
        return first == null ? e : new InputException(first, out.toString(), e);
    }

    private static String input(String option) {
        String name = RENAMED.getOrDefault(option, option);
        return ActionInput.ALL.stream().anyMatch(i -> i.name().equals(name)) ? name : null;
    }
}
