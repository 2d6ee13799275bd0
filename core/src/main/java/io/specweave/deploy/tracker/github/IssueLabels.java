package io.specweave.deploy.tracker.github;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The labels of a tracking issue: {@code specweave}, {@code increment:<number>},
 * {@code env:<environment>}, {@code deployed} while the environment runs a finished deployment
 * that answers healthy (or was not checked), {@code unhealthy} instead while its last check failed,
 * then the profile's and the status mapping's own labels. Colours are stable: the same name always
 * gets the same colour, in every repository and on every run.
 */
final class IssueLabels {

    /** GitHub's limit for a label name. */
    static final int MAX_LENGTH = 50;

    static final String SPECWEAVE = "specweave";
    static final String DEPLOYED = "deployed";
    static final String UNHEALTHY = "unhealthy";

    private static final List<String> PALETTE = List.of("1d76db", "0052cc", "5319e7", "006b75", "0e8a16", "fbca04",
            "d93f0b", "b60205", "c5def5", "bfdadc", "d4c5f9", "fef2c0", "c2e0c6", "f9d0c4", "e99695", "bfd4f2");

    private IssueLabels() {
    }

    static String increment(String paddedNumber) {
        return cap("increment:" + paddedNumber);
    }

    static String environment(String environment) {
        return cap("env:" + environment);
    }

    /** The labels the issue must carry, in a stable order. */
    static Set<String> desired(String paddedNumber, String environment, boolean deployed, boolean unhealthy,
            List<String> extra) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(SPECWEAVE);
        labels.add(increment(paddedNumber));
        labels.add(environment(environment));
        if (deployed) {
            labels.add(unhealthy ? UNHEALTHY : DEPLOYED);
        }
        labels.addAll(extra);
        return labels;
    }

    /** The colour a label is created with (six hex digits, no '#'). */
    static String colour(String name) {
        if (name.equals(SPECWEAVE)) {
            return "5319e7";
        }
        if (name.equals(DEPLOYED)) {
            return "0e8a16";
        }
        if (name.equals(UNHEALTHY)) {
            return "d93f0b";
        }
        if (name.startsWith("increment:")) {
            return "1d76db";
        }
        int hash = name.toLowerCase(Locale.ROOT).chars().reduce(7, (h, c) -> h * 31 + c);
        return PALETTE.get(Math.floorMod(hash, PALETTE.size()));
    }

    /** What the label means, shown by GitHub in the label picker. */
    static String description(String name) {
        if (name.equals(SPECWEAVE)) {
            return "Tracked by SpecWeave Deploy";
        }
        if (name.equals(DEPLOYED)) {
            return "The environment runs a finished deployment of the increment";
        }
        if (name.equals(UNHEALTHY)) {
            return "The environment runs the increment but its last health check failed";
        }
        if (name.startsWith("increment:")) {
            return "SpecWeave increment " + name.substring("increment:".length());
        }
        if (name.startsWith("env:")) {
            return "Deployments to " + name.substring("env:".length());
        }
        return "";
    }

    private static String cap(String label) {
        return label.length() <= MAX_LENGTH ? label : label.substring(0, MAX_LENGTH);
    }
}
