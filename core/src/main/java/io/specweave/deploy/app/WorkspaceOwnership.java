package io.specweave.deploy.app;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;

/**
 * A container step runs as root, but the workspace belongs to the runner's user: files written
 * there as root break later steps ({@code git clean}, the next checkout) and self-hosted runners.
 * This gives what was written since a given time the owner (uid and gid) of a reference folder,
 * normally {@code .specweave}. {@link Operations} does so after every operation that may write,
 * whichever front end runs it. Only on file systems with Unix attributes, and only where the
 * process runs as another user than the folder's owner and may change owners; elsewhere it does nothing.
 */
public final class WorkspaceOwnership {

    private WorkspaceOwnership() {
    }

    /**
     * What a run in {@code projectDir} wrote since {@code since}: under {@code .specweave} (records,
     * locks) and the enclosing checkout's {@code .git} (a commit-back), given {@code .specweave}'s owner.
     */
    public static int matchProject(Path projectDir, Instant since) {
        Path specweave = projectDir.resolve(".specweave");
        if (!Files.isDirectory(specweave) || !writesAsAnotherUser(specweave)) {
            return 0;
        }
        java.util.List<Path> roots = new java.util.ArrayList<>(java.util.List.of(specweave));
        for (Path p = projectDir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) {
                roots.add(p.resolve(".git"));
                break;
            }
        }
        return match(specweave, roots, since);
    }

    /**
     * What a command this tool ran wrote for it to read (a test suite's reports), given
     * {@code .specweave}'s owner: each output's top folder under {@code projectDir} (where the suite
     * made {@code e2e-results/}), or the file itself when it lies in the project folder, entries
     * changed since {@code since} only.
     */
    public static int matchOutputs(Path projectDir, Collection<Path> outputs, Instant since) {
        Path specweave = projectDir.resolve(".specweave");
        if (outputs.isEmpty() || !Files.isDirectory(specweave) || !writesAsAnotherUser(specweave)) {
            return 0;
        }
        Path project = projectDir.toAbsolutePath().normalize();
        java.util.Set<Path> roots = new java.util.LinkedHashSet<>();
        for (Path output : outputs) {
            Path absolute = output.toAbsolutePath().normalize();
            if (absolute.startsWith(project) && !absolute.equals(project)) {
                roots.add(project.resolve(project.relativize(absolute).getName(0)));
            }
        }
        return match(specweave, roots, since);
    }

    /**
     * Whether this process writes files with another owner than {@code reference}'s: the common case,
     * a user's own project, costs two attribute reads and no walk. The process's user is that of
     * {@code /proc/self} (Linux); without it, only a process running as root is taken to differ.
     */
    static boolean writesAsAnotherUser(Path reference) {
        try {
            Object owner = Files.getAttribute(reference, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Path self = Path.of("/proc/self");
            return Files.exists(self) ? !owner.equals(Files.getAttribute(self, "unix:uid"))
                    : "root".equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No Unix owners here (Windows, a FAT mount) or unreadable: there is no owner to hand files to,
            // as match() finds too; the run's own writes stand as they are.
            return false;
        }
    }

    /**
     * Gives every entry under {@code roots} that changed at or after {@code since} and has another
     * owner than {@code reference} the reference's uid and gid. Symbolic links are not followed.
     *
     * @return how many entries were changed
     */
    public static int match(Path reference, Collection<Path> roots, Instant since) {
        int uid;
        int gid;
        try {
            uid = (Integer) Files.getAttribute(reference, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            gid = (Integer) Files.getAttribute(reference, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
        FileTime threshold = FileTime.from(since.minusSeconds(2));
        int[] changed = {0};
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        fix(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        fix(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }

                    private void fix(Path path) throws IOException {
                        FileTime ctime = (FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
                        if (ctime.compareTo(threshold) < 0) {
                            return;
                        }
                        int fileUid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                        int fileGid = (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                        if (fileUid != uid || fileGid != gid) {
                            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                            changed[0]++;
                        }
                    }
                });
            } catch (IOException | UnsupportedOperationException e) {
                // Not permitted (not root) or not a Unix file system: nothing to fix from here.
                return changed[0];
            }
        }
        return changed[0];
    }
}
