package io.specweave.deploy;

import java.util.Collection;
import java.util.Locale;

/**
 * Keys of hand-written JSON spelled another way than this tool spells them: {@code deployment_url},
 * {@code Health-Check} and {@code healthcheck} for {@code healthCheck}. One rule for the config
 * (read under the name this tool reads) and for a record (a fact of the deployment it describes).
 */
public final class KeyNames {

    private KeyNames() {
    }

    /** The name of {@code names} that {@code key} spells another way; null when none, or when it is one of them. */
    public static String spelledOtherwise(String key, Collection<String> names) {
        if (names.contains(key)) {
            return null;
        }
        String plain = plain(key);
        return names.stream().filter(name -> plain(name).equals(plain)).findFirst().orElse(null);
    }

    /** Letters and digits only, lower case: {@code Deployed-At} and {@code deployed_at} are {@code deployedat}. */
    private static String plain(String key) {
        StringBuilder s = new StringBuilder(key.length());
        key.codePoints().filter(Character::isLetterOrDigit).forEach(s::appendCodePoint);
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
