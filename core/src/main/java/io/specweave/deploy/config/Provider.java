package io.specweave.deploy.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a profile's tracking items live. {@code local} needs no network and no account. */
public enum Provider {
    GITHUB("github"),
    JIRA("jira"),
    ADO("ado"),
    LOCAL("local");

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** The word used in config files and on the command line. */
    public String id() {
        return id;
    }

    /** Accepts the config spelling case-insensitively, and SpecWeave's {@code azure-devops} alias. */
    public static Optional<Provider> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (word.equals("azure-devops") || word.equals("azuredevops") || word.equals("azure_devops")) {
            return Optional.of(ADO);
        }
        return Arrays.stream(values()).filter(p -> p.id.equals(word)).findFirst();
    }

    /** "github, jira, ado, local": for error messages. */
    public static String known() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
