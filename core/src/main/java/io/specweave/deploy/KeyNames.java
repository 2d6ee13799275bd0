package io.specweave.deploy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    /**
     * {@link #spelledOtherwise} over fixed {@code names} as a map, for keys looked up many times: a
     * key's {@link #plain} form to the name it spells.
     */
    public static Map<String, String> byPlainForm(Collection<String> names) {
        Map<String, String> index = new HashMap<>();
        names.forEach(name -> index.putIfAbsent(plain(name), name));
        return Map.copyOf(index);
    }

    /** Letters and digits only, lower case: {@code Deployed-At} and {@code deployed_at} are {@code deployedat}. */
    public static String plain(String key) {
        StringBuilder s = new StringBuilder(key.length());
        key.codePoints().filter(Character::isLetterOrDigit).forEach(s::appendCodePoint);
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
