package io.specweave.deploy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in words: the JDK's exceptions for the common causes
 * carry only the path ({@code AccessDeniedException: .specweave/state/deploy-locks}), which reads as
 * no reason at all.
 */
public final class FileProblem {

    private FileProblem() {
    }

    /** {@code permission denied: <path>}, {@code no such file or folder: <path>}, else the JDK's words. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (e instanceof NotDirectoryException notFolder) {
            return "not a folder: " + notFolder.getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getFile() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
