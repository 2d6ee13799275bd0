package io.specweave.deploy.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void fingerprintsKeepTheLengthsItemsAlreadyStore() {
        // SHA-256("abc") begins ba7816bf8f01cfea: a changed length or encoding would make every stored
        // marker look stale, and every item be rewritten (and every note told again) once.
        assertThat(Fingerprint.of("abc")).isEqualTo("ba7816bf8f01");
        assertThat(ItemTelling.key("prod", "swapped")).hasSize(16).isEqualTo(Fingerprint.of("prod\nswapped", 8));
    }
}
