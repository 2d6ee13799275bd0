package io.specweave.deploy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * Removes secret values from text before it reaches a message, a log or a file. It knows each
 * secret in plain form and in the Base64 form basic auth puts on the wire.
 */
public final class Redactor {

    private final List<String> values = new ArrayList<>();
    private final String mask;

    public Redactor() {
        this("****");
    }

    /** @param mask what replaces each secret: {@code ***} where a log's own masking writes that */
    public Redactor(String mask) {
        this.mask = mask;
    }

    public Redactor add(Secret secret) {
        if (secret != null) {
            add(secret.reveal());
        }
        return this;
    }

    public Redactor add(String value) {
        if (value != null && value.length() >= 4 && !values.contains(value)) {
            values.add(value);
            values.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    /** Every secret in {@code text} replaced by the mask. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        // Longest first: a secret's encoding can contain another's (Base64 of "email:token" ends with
        // the Base64 of "token" when the email's length is a multiple of three).
        List<String> ordered = new ArrayList<>(values);
        ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
        for (String value : ordered) {
            result = result.replace(value, mask);
        }
        return result;
    }
}
