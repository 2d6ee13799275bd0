package io.specweave.deploy.tracker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short SHA-256 of a text, as trackers store it on their items (the content and record copy a
 * marker vouches for, a note's key, a shortened id). Stored values are compared with new ones, so
 * the lengths never change.
 */
public final class Fingerprint {

    /** Bytes of the hash in a content or record fingerprint: 12 hex digits. */
    static final int CONTENT_BYTES = 6;

    private Fingerprint() {
    }

    /** 12 hex digits: what content and record fingerprints store. */
    public static String of(String text) {
        return of(text, CONTENT_BYTES);
    }

    /** The first {@code bytes} bytes of the text's SHA-256 (UTF-8), in hex. */
    static String of(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
