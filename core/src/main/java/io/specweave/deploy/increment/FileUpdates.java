package io.specweave.deploy.increment;

import io.specweave.deploy.BadInputException;
import io.specweave.deploy.config.ConfigLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * How this tool changes a file of the project: one update at a time, across processes (a file lock
 * on a lock file) and across the threads of this process (a lock per lock file: file locks are held
 * per process), and written atomically (temp file in the same folder, fsync, rename), so a crash or
 * two concurrent runs never leave a truncated or half-merged file.
 *
 * <p>An interrupt already raised when an update starts (a Jenkins abort during a health check, a
 * cancelled executor) waits until the update is written: a file channel closes on an interrupt, and
 * the record the run has decided on would be lost. The thread gets its interrupt back afterwards.
 */
public final class FileUpdates {

    /** An update run under the lock. */
    @FunctionalInterface
    public interface Update<T> {
        T run() throws IOException;
    }

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private FileUpdates() {
    }

    /**
     * Runs {@code update} holding {@code lockFile}'s locks; the lock file and its folder (kept out of
     * git) are created.
     */
    public static <T> T locked(Path lockFile, Update<T> update) throws IOException {
        boolean interrupted = Thread.interrupted();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            ignoredByGit(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return update.run();
            }
        } finally {
            local.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Creates {@code folder} holding a {@code .gitignore} of {@code *}: lock files are this tool's, not
     * the project's, so {@code git status} does not list them and a later step's {@code git add -A}
     * does not commit them (as Python's tool caches keep themselves out of a repository).
     */
    static void ignoredByGit(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path ignore = folder.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            try {
                Files.writeString(ignore, "# Lock files of specweave-deploy, never committed\n*\n",
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another run made it first: it holds the same two lines.
            }
        }
    }

    /**
     * Writes {@code text} to {@code target} so that readers see the old or the new file, never a
     * part; called holding {@link #locked} for it. The file keeps its permissions, and a symbolic
     * link stays: the file it leads to is the one replaced ({@link #writtenFile}). Temp files of the
     * same file a killed run left behind are removed first.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path file = writtenFile(target);
        Path dir = file.getParent();
        String prefix = "." + file.getFileName() + ".";
        removeLeftTempFiles(dir, prefix);
        Set<PosixFilePermission> mode = permissionsOf(file);
        Path temp = dir.resolve(prefix + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            if (mode != null) {
                // A new file gets the umask's mode: git would see 600 or 755 become 644.
                Files.setPosixFilePermissions(temp, mode);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The file a write of {@code target} changes: {@code target}, or where its symbolic links lead
     * (also a file not there yet), as an editor writes through a link. Renaming a temp file over the
     * link would replace the link by a copy and leave the file it points to as it was.
     */
    public static Path writtenFile(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        for (int links = 0; Files.isSymbolicLink(file); links++) {
            if (links == MAX_LINKS) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            file = file.getParent().resolve(Files.readSymbolicLink(file));
        }
        Path parent = file.getParent();
        return (Files.isDirectory(parent) ? parent.toRealPath() : parent.normalize()).resolve(file.getFileName());
    }

    /** As Linux counts them before giving up (ELOOP). */
    private static final int MAX_LINKS = 40;

    /**
     * The files a write of {@code target} changes, for a commit of them: {@code target}, and the file
     * its link leads to when it is one.
     */
    public static List<Path> changedFiles(Path target) {
        Path file = target.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(file)) {
            // Its folder's own links are git's business (a linked .specweave): the path stays as given.
            return List.of(file);
        }
        try {
            return List.of(file, writtenFile(file));
        } catch (IOException e) {
            return List.of(file);
        }
    }

    /**
     * Refuses {@code file} when it, or a folder on the way to it from the project folder (the one
     * holding {@code specweaveDir}: {@code .specweave}, an increment's folder, {@code state}), is a
     * symbolic link that leads out of the project: a checkout must not make this tool read or rewrite
     * a file elsewhere on the machine, such as a credentials file, least of all as root. A link that
     * stays inside the project is followed; the project folder itself may be a link.
     */
    public static void requireInsideProject(Path file, Path specweaveDir) {
        String refusal = linkOutOfProject(file, specweaveDir);
        if (refusal != null) {
            throw new BadInputException(refusal);
        }
    }

    /** Whether {@code file} may be read: no symbolic link on its way leads out of the project ({@link #requireInsideProject}). */
    public static boolean insideProject(Path file, Path specweaveDir) {
        return linkOutOfProject(file, specweaveDir) == null;
    }

    /** Why {@code file} is not read or written where it is; null when nothing on its way leads out. */
    private static String linkOutOfProject(Path file, Path specweaveDir) {
        Path project = specweaveDir.toAbsolutePath().normalize().getParent();
        Path path = file.toAbsolutePath().normalize();
        List<Path> way = new ArrayList<>();
        if (path.startsWith(project)) {
            for (Path step = path; !step.equals(project); step = step.getParent()) {
                way.add(0, step);
            }
        } else {
            way.add(path);
        }
        Path realProject = null;
        // Only the links need resolving: the way is one lstat a step, as cheap as it was for the file alone.
        for (Path step : way) {
            if (!Files.isSymbolicLink(step)) {
                continue;
            }
            String source = ConfigLoader.display(project, step);
            String kind = Files.isDirectory(step) ? "folder" : "file";
            Path leadsTo;
            try {
                if (realProject == null) {
                    realProject = project.toRealPath();
                }
                leadsTo = writtenFile(step);
            } catch (IOException e) {
                return source + ": a symbolic link this tool cannot follow (" + e.getMessage() + "); replace it by the "
                        + kind;
            }
            if (!leadsTo.startsWith(realProject)) {
                return source + ": a symbolic link to " + leadsTo + ", outside the project: it is neither read nor "
                        + "written through; point it at a " + kind + " inside the project, or replace it by the " + kind;
            }
        }
        return null;
    }

    /**
     * Removes the temp files of one file that earlier runs left. Every writer holds the update lock
     * while its temp file exists, so one found under the lock is a killed run's; its process id says
     * nothing (every run in a container may be pid 1). Untracked, such a file would be committed by
     * a later step's {@code git add -A}.
     */
    private static void removeLeftTempFiles(Path dir, String prefix) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && LEFT_TEMP.matcher(name.substring(prefix.length())).matches();
        })) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // A left temp file is harmless to the write itself: the next one tries again.
        }
    }

    /** The tail of a temp file's name: {@code <pid>-<hex>.tmp}. */
    private static final Pattern LEFT_TEMP = Pattern.compile("\\d+-[0-9a-f]+\\.tmp");

    /** The file's POSIX permissions; null when it does not exist yet or the file system has none. */
    private static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return null;
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
