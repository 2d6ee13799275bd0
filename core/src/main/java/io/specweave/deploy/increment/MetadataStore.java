package io.specweave.deploy.increment;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.FileProblem;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads and writes one increment's {@code metadata.json}; updates are serialized and atomic
 * ({@link FileUpdates}), with the lock file beside SpecWeave's own runtime state.
 */
public final class MetadataStore {

    /** Advisory lock files live beside SpecWeave's own runtime state, not in the increment folder. */
    static final String LOCK_FOLDER = "state/deploy-locks";

    private final Increment increment;
    private final Path specweaveDir;
    private final Path lockFile;
    private final String source;

    public MetadataStore(Path specweaveDir, Increment increment) {
        this.increment = increment;
        this.specweaveDir = specweaveDir;
        this.lockFile = specweaveDir.toAbsolutePath().normalize().resolve(LOCK_FOLDER).resolve(increment.id() + ".lock");
        this.source = ConfigLoader.display(specweaveDir.getParent(), increment.metadataFile());
    }

    public Increment increment() {
        return increment;
    }

    /** The files an update changes, for a commit of them: metadata.json, and the file it links to when it is a link. */
    public List<Path> files() {
        return FileUpdates.changedFiles(increment.metadataFile());
    }

    /** The current document, or a new one when the increment has no metadata.json. No lock taken. */
    public MetadataDocument read() {
        return readWithText().document();
    }

    /** A document and the text it was read from; null text for a document made because there is no file. */
    private record Read(MetadataDocument document, String text) {
    }

    private Read readWithText() {
        Path file = increment.metadataFile();
        String text = text();
        if (text == null) {
            return new Read(MetadataDocument.create(increment, source), null);
        }
        // SpecWeave writes metadata.json in place: an empty file may be one it is writing this moment.
        for (int attempt = 1; text.isBlank() && attempt <= EMPTY_RETRIES; attempt++) {
            pause(EMPTY_RETRY_PAUSE_MS);
            text = text();
            if (text == null) {
                return new Read(MetadataDocument.create(increment, source), null);
            }
        }
        if (text.isBlank()) {
            // Not "no metadata": writing a new document over it would reset SpecWeave's status and dates.
            throw new BadInputException(source + ": the file is empty; expected SpecWeave's JSON object (the "
                    + "increment's status, dates and deployments). If SpecWeave was writing it, run again; "
                    + "restore it from git otherwise (git checkout -- " + source + ")");
        }
        return new Read(MetadataDocument.parse(text, source), text);
    }

    /** The file's text as it is now; null when there is no file. */
    private String text() {
        FileUpdates.requireInsideProject(increment.metadataFile(), specweaveDir);
        try {
            return JsonInput.readText(increment.metadataFile(), source);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static final int EMPTY_RETRIES = 5;
    private static final long EMPTY_RETRY_PAUSE_MS = 40;

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // A stop: read what is there now, and let the caller see the interrupt.
            Thread.currentThread().interrupt();
        }
    }

    /** How often a change is applied again to what another program wrote meanwhile, before giving up. */
    static final int CONCURRENT_WRITE_ATTEMPTS = 3;

    /**
     * Locks, re-reads, applies {@code change} and writes the result back when the text changed.
     * {@code change} may throw to abort: then nothing is written. SpecWeave writes the file in place
     * without a lock: when the file changed between this read and this write, {@code change} is
     * applied again to what is there now (it must be repeatable), so neither write is lost.
     */
    public <T> T update(Function<MetadataDocument, T> change) {
        // The lock's folder and file are written before the file is read (which checks the file itself).
        FileUpdates.requireInsideProject(lockFile, specweaveDir);
        try {
            return FileUpdates.locked(lockFile, () -> {
                for (int attempt = 1; ; attempt++) {
                    Read read = readWithText();
                    MetadataDocument document = read.document();
                    String before = read.text() == null ? null : document.toText();
                    T result = change.apply(document);
                    String after = document.toText();
                    if (after.equals(before)) {
                        return result;
                    }
                    if (Objects.equals(text(), read.text())) {
                        FileUpdates.writeAtomically(increment.metadataFile(), after);
                        return result;
                    }
                    if (attempt == CONCURRENT_WRITE_ATTEMPTS) {
                        throw new OperationFailedException(source + ": another program (SpecWeave?) changed the file "
                                + "each of the " + attempt + " times this change was about to be written; nothing was "
                                + "written: run again");
                    }
                }
            });
        } catch (IOException e) {
            throw new OperationFailedException(source + ": cannot be updated: " + FileProblem.of(e), e);
        }
    }
}
