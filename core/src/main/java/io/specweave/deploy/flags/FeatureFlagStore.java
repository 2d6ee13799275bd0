package io.specweave.deploy.flags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Json;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.increment.MetadataStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Reads and writes {@code .specweave/config/feature-flags.json} as a tree, so keys this tool does
 * not know survive a rewrite. Updates are serialized (a lock file beside the metadata locks, and a
 * lock per file inside this process) and atomic (temp file and rename).
 */
public final class FeatureFlagStore {

    public static final String RELATIVE_PATH = "config/feature-flags.json";

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final String source;

    public FeatureFlagStore(Path specweaveDir) {
        Path dir = specweaveDir.toAbsolutePath().normalize();
        this.file = dir.resolve(RELATIVE_PATH);
        this.lockFile = dir.resolve("state/deploy-locks/feature-flags.lock");
        this.source = ConfigLoader.display(dir.getParent(), file);
    }

    /** How messages name the file. */
    public String source() {
        return source;
    }

    public Path file() {
        return file;
    }

    /** The file's tree; an empty object when the file does not exist yet. */
    public ObjectNode read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Json.mapper().createObjectNode();
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        return ConfigLoader.parseObject(text, source);
    }

    /** Locks, re-reads, applies {@code change} and writes the tree back when its text changed. */
    public <T> T update(Function<ObjectNode, T> change) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                ObjectNode root = read();
                String before = Files.exists(file) ? Json.pretty(root) + "\n" : null;
                T result = change.apply(root);
                String after = Json.pretty(root) + "\n";
                if (!after.equals(before)) {
                    Files.createDirectories(file.getParent());
                    MetadataStore.writeAtomically(file, after);
                }
                return result;
            }
        } catch (IOException e) {
            throw new OperationFailedException(source + ": cannot be updated: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}
