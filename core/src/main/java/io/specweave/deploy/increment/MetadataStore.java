package io.specweave.deploy.increment;

import io.specweave.deploy.JsonInput;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.ConfigLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Reads and writes one increment's {@code metadata.json}. Updates are serialized across processes
 * with a file lock and across threads of this process with a lock per file (file locks are held
 * per process), and written atomically: temp file in the same folder, fsync, rename. A crash or
 * two concurrent runs never leave a truncated or half-merged file.
 */
public final class MetadataStore {

    /** Advisory lock files live beside SpecWeave's own runtime state, not in the increment folder. */
    static final String LOCK_FOLDER = "state/deploy-locks";

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Increment increment;
    private final Path lockFile;
    private final String source;

    public MetadataStore(Path specweaveDir, Increment increment) {
        this.increment = increment;
        this.lockFile = specweaveDir.toAbsolutePath().normalize().resolve(LOCK_FOLDER).resolve(increment.id() + ".lock");
        this.source = ConfigLoader.display(specweaveDir.getParent(), increment.metadataFile());
    }

    public Increment increment() {
        return increment;
    }

    /** The current document, or a new one when the increment has no metadata.json. No lock taken. */
    public MetadataDocument read() {
        Path file = increment.metadataFile();
        String text;
        try {
            text = JsonInput.readText(file, source);
        } catch (NoSuchFileException e) {
            return MetadataDocument.create(increment, source);
        }
        if (text.isBlank()) {
            // An empty file holds nothing to keep; treat it as missing rather than refusing to work.
            return MetadataDocument.create(increment, source);
        }
        return new MetadataDocument(ConfigLoader.parseObject(text, source), source, text.endsWith("\n"));
    }

    /**
     * Locks, re-reads, applies {@code change} and writes the result back when the text changed.
     * {@code change} may throw to abort: then nothing is written.
     */
    public <T> T update(Function<MetadataDocument, T> change) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = openLock(); FileLock ignored = channel.lock()) {
            MetadataDocument document = read();
            String before = Files.exists(increment.metadataFile()) ? document.toText() : null;
            T result = change.apply(document);
            String after = document.toText();
            if (!after.equals(before)) {
                writeAtomically(increment.metadataFile(), after);
            }
            return result;
        } catch (IOException e) {
            throw new OperationFailedException(source + ": cannot be updated: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private FileChannel openLock() throws IOException {
        Files.createDirectories(lockFile.getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Writes {@code text} to {@code target} so that readers see the old or the new file, never a part. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; not every platform lets a directory be opened, which is fine.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
