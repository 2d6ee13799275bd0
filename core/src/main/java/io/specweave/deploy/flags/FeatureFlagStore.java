package io.specweave.deploy.flags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.FileProblem;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import io.specweave.deploy.OperationFailedException;
import io.specweave.deploy.config.ConfigLoader;
import io.specweave.deploy.increment.FileUpdates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Reads {@code .specweave/config/feature-flags.json} (comments allowed: it is this tool's file) and
 * sets flags in its text, so the team's comments, layout and keys this tool does not know survive.
 * Updates are serialized and atomic ({@link FileUpdates}), with the lock file beside the metadata locks.
 */
public final class FeatureFlagStore {

    public static final String RELATIVE_PATH = "config/feature-flags.json";

    private final Path specweaveDir;
    private final Path file;
    private final Path lockFile;
    private final String source;

    public FeatureFlagStore(Path specweaveDir) {
        Path dir = specweaveDir.toAbsolutePath().normalize();
        this.specweaveDir = dir;
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

    /** The files a change writes, for a commit of them: the file, and the one it links to when it is a link. */
    public List<Path> files() {
        return FileUpdates.changedFiles(file);
    }

    /** The file's tree; an empty object when the file does not exist yet. */
    public ObjectNode read() {
        return parse(text());
    }

    /**
     * The file's flags, judged as every command reads them ({@link FeatureFlags}).
     *
     * @param environments the environments the config names
     */
    public FeatureFlags flags(Collection<String> environments) {
        String text = text();
        return FeatureFlags.of(parse(text), text, source, environments);
    }

    /** The file's text; empty when the file does not exist yet. */
    private String text() {
        FileUpdates.requireInsideProject(file, specweaveDir);
        try {
            return JsonInput.readText(file, source);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private ObjectNode parse(String text) {
        if (text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        return JsonInput.parseObject(text, source, JsonInput.Syntax.JSON_WITH_COMMENTS);
    }

    /**
     * Locks, re-reads and sets {@code environment.flag} in the file's text ({@link FlagFileText}: the
     * team's comments and layout stay); writes only when the text changed.
     */
    public void set(String environment, String flag, boolean enabled) {
        // The lock's folder and file are written before the file is read (which checks the file itself).
        FileUpdates.requireInsideProject(lockFile, specweaveDir);
        try {
            FileUpdates.locked(lockFile, () -> {
                read(); // a file that is not valid JSON is reported, never edited
                String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                String bom = before.startsWith("\uFEFF") ? "\uFEFF" : "";
                String after = FlagFileText.set(before.substring(bom.length()), environment, flag, enabled);
                if (before.isBlank()) {
                    after = Json.pretty(JsonInput.parseObject(after, source, JsonInput.Syntax.JSON_WITH_COMMENTS)) + "\n";
                }
                if (!(bom + after).equals(before)) {
                    Files.createDirectories(file.getParent());
                    FileUpdates.writeAtomically(file, bom + after);
                }
                return null;
            });
        } catch (IOException e) {
            throw new OperationFailedException(source + ": cannot be updated: " + FileProblem.of(e), e);
        }
    }
}
