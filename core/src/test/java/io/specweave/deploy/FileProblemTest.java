package io.specweave.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Why a file could not be read or written, in words a message can end with. */
class FileProblemTest {

    @Test
    void theJdksExceptionsThatCarryOnlyAPathSayWhy() {
        assertThat(FileProblem.of(new AccessDeniedException(".specweave/state/deploy-locks")))
                .isEqualTo("permission denied: .specweave/state/deploy-locks");
        assertThat(FileProblem.of(new NoSuchFileException("metadata.json"))).isEqualTo("no such file or folder: metadata.json");
        assertThat(FileProblem.of(new FileSystemException("metadata.json", null, "Read-only file system")))
                .isEqualTo("metadata.json: Read-only file system");
        assertThat(FileProblem.of(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(FileProblem.of(new IOException())).isEqualTo("IOException");
    }
}
