package io.specweave.deploy.model;

import java.util.Locale;

/**
 * When two records name the same commit. A pipeline gives one commit in several spellings: the CI's
 * full SHA ({@code GITHUB_SHA}), {@code git rev-parse --short HEAD} in a script, an upper-case SHA
 * pasted into a form, a hand-edited record. Every gate, take-over and rollback compares commits
 * through here, so they agree on what "the same commit" is.
 */
public final class Commits {

    /** The shortest abbreviation matched by prefix: the fewest hex digits a commit input may have. */
    static final int SHORTEST = 7;

    private Commits() {
    }

    /**
     * True when both name a commit and it is the same one: equal apart from case, or one a hex
     * abbreviation (at least {@value #SHORTEST} digits) of the other.
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= SHORTEST && hex(shorter) && hex(longer)
                && longer.toLowerCase(Locale.ROOT).startsWith(shorter.toLowerCase(Locale.ROOT));
    }

    /** {@link #same}, or both name no commit. */
    public static boolean equal(String a, String b) {
        return a == null ? b == null : same(a, b);
    }

    private static boolean hex(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }
}
