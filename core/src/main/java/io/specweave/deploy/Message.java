package io.specweave.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Text for the person at the terminal that names inputs or suggests a command without spelling
 * them: the parts stay apart until a front end renders them with its own {@link Spelling}. So the
 * command line says {@code pass --force}, the Action says {@code pass `force: true`} and core's
 * own logs say {@code pass force}, from one message.
 */
public final class Message {

    /** How a front end names its inputs and commands. */
    public interface Spelling {

        /**
         * An input, with the value given for it when the message names one ({@code --canary 100});
         * {@code value} is null for a switch ({@code --force}).
         */
        String input(Input input, String value);

        /** A command to run, with its arguments, as this front end's user would type or configure it. */
        String command(Command command, List<Arg> args);

        /**
         * Where a credential core reads from the variable {@code name} comes from, as this front end's
         * user gives it: the variable itself on the command line, an input of the Action.
         */
        default String credential(String name) {
            return name;
        }

        /** An input named as the subject of what follows ({@code --commit: }, {@code input "commit": }). */
        default String name(Input input) {
            return input(input, null);
        }

        /**
         * What a message about missing credentials adds for a front end that gives them another way
         * too ({@code ; or give the step credentialsId: ...}); nothing by default.
         */
        default String credentialSource() {
            return "";
        }

        /** Whether this front end has {@code input}: the Action has no {@code prometheus-url}. */
        default boolean has(Input input) {
            return true;
        }

        /** Core's own words, for logs and messages no front end rendered. */
        Spelling DOMAIN = new Spelling() {
            @Override
            public String input(Input input, String value) {
                return value == null ? input.word() : input.word() + " " + value;
            }

            @Override
            public String command(Command command, List<Arg> args) {
                StringBuilder s = new StringBuilder(command.word());
                args.forEach(a -> s.append(a.input() == Input.INCREMENT ? " " + a.value() : ", " + input(a.input(),
                        a.value())));
                return "`" + s + "`";
            }
        };
    }

    /** An input named in a message, with the value the message suggests for it (null for a switch). */
    public record Arg(Input input, String value) {

        public Arg {
            Objects.requireNonNull(input, "input");
        }
    }

    /** An input named as the subject of the words after it, as in "--commit: expected one line". */
    public record Name(Input input) {

        public Name {
            Objects.requireNonNull(input, "input");
        }
    }

    /** A command suggested in a message, with its arguments. */
    public record Suggestion(Command command, List<Arg> args) {

        public Suggestion {
            args = List.copyOf(args);
        }
    }

    private final List<Object> parts;

    private Message(List<Object> parts) {
        this.parts = Collections.unmodifiableList(parts);
    }

    /**
     * A message of text, {@link Input}s, {@link Arg}s, {@link Suggestion}s and other messages, in
     * order; anything else is shown with {@link String#valueOf}.
     */
    public static Message of(Object... parts) {
        List<Object> list = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Message m) {
                list.addAll(m.parts);
            } else if (part instanceof Input || part instanceof Arg || part instanceof Name
                    || part instanceof Suggestion || part instanceof Credential || part instanceof IfInput
                    || part instanceof CredentialSource) {
                list.add(part);
            } else {
                list.add(String.valueOf(part));
            }
        }
        return new Message(list);
    }

    public static Message text(String text) {
        return new Message(List.of(text == null ? "" : text));
    }

    /** A credential read from the variable {@code name} ({@code GITHUB_TOKEN}), named as each front end gives it. */
    public record Credential(String name) {

        public Credential {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Where else a front end takes credentials from, said at the end of a message about missing ones. */
    public record CredentialSource() {
    }

    /**
     * Words said by a front end that has {@code input} (", or pass --prometheus-url"), and the words
     * said instead by one that has not.
     */
    public record IfInput(Input input, Message then, Message otherwise) {

        /** The same, with {@code parts} said by a front end without the input. */
        public IfInput orElse(Object... parts) {
            return new IfInput(input, then, of(parts));
        }
    }

    /** {@code parts} when the front end has {@code input}, else nothing. */
    public static IfInput ifInput(Input input, Object... parts) {
        return new IfInput(input, of(parts), new Message(List.of()));
    }

    /** The credentials of {@code variables}, joined by {@code separator} ({@code " or "}), for a message. */
    public static Message credentials(List<String> variables, String separator) {
        List<Object> parts = new ArrayList<>();
        for (String variable : variables) {
            if (!parts.isEmpty()) {
                parts.add(separator);
            }
            parts.add(new Credential(variable));
        }
        return new Message(parts);
    }

    /** {@code input} with a value, e.g. {@code arg(Input.CANARY, "100")}. */
    public static Arg arg(Input input, Object value) {
        return new Arg(input, value == null ? null : String.valueOf(value));
    }

    /**
     * A command for a message, e.g.
     * {@code command(Command.APPROVE, arg(INCREMENT, "0018"), arg(ENVIRONMENT, "prod"))}.
     */
    public static Suggestion command(Command command, Arg... args) {
        return new Suggestion(command, List.of(args));
    }

    /** This message followed by {@code more}. */
    public Message then(Object... more) {
        List<Object> all = new ArrayList<>(parts);
        all.addAll(of(more).parts);
        return new Message(all);
    }

    /** Each of {@code messages} in {@code spelling}'s words. */
    public static List<String> render(List<Message> messages, Spelling spelling) {
        return messages.stream().map(m -> m.render(spelling)).toList();
    }

    public String render(Spelling spelling) {
        StringBuilder s = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Input input) {
                s.append(spelling.input(input, null));
            } else if (part instanceof Arg arg) {
                s.append(spelling.input(arg.input(), arg.value()));
            } else if (part instanceof Name name) {
                s.append(spelling.name(name.input()));
            } else if (part instanceof Suggestion suggestion) {
                s.append(spelling.command(suggestion.command(), suggestion.args()));
            } else if (part instanceof Credential credential) {
                s.append(spelling.credential(credential.name()));
            } else if (part instanceof CredentialSource) {
                s.append(spelling.credentialSource());
            } else if (part instanceof IfInput conditional) {
                s.append((spelling.has(conditional.input()) ? conditional.then() : conditional.otherwise())
                        .render(spelling));
            } else {
                s.append(part);
            }
        }
        return s.toString();
    }

    /** The inputs the message names, in order, each once. */
    public List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        for (Object part : parts) {
            Input input = part instanceof Input i ? i : part instanceof Arg a ? a.input()
                    : part instanceof Name n ? n.input() : null;
            if (input != null && !inputs.contains(input)) {
                inputs.add(input);
            }
            if (part instanceof IfInput conditional) {
                conditional.then().inputs().stream().filter(i -> !inputs.contains(i)).forEach(inputs::add);
            }
        }
        return inputs;
    }

    @Override
    public String toString() {
        return render(Spelling.DOMAIN);
    }
}
