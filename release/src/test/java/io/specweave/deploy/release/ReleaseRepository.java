package io.specweave.deploy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary git repository holding this repository's POMs, Action files and release scripts, as
 * the release workflow's checkout holds them, with a bare repository as its {@code origin}.
 */
final class ReleaseRepository {

    /** The real repository these tests check. */
    static final Path SOURCE = Path.of(System.getProperty("specweave.repository.dir", "..")).toAbsolutePath()
            .normalize();

    final Path dir;
    final Path origin;
    final Shell shell;

    private ReleaseRepository(Path dir, Path origin, Shell shell) {
        this.dir = dir;
        this.origin = origin;
        this.shell = shell;
    }

    static ReleaseRepository create(Path temp) {
        Path dir = temp.resolve("work");
        Path origin = temp.resolve("origin.git");
        Path home = temp.resolve("home");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home);
            for (String file : files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(SOURCE.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell shell = new Shell(dir, home);
        shell.ok("git", "init", "-q", "--bare", "-b", "main", origin.toString());
        shell.ok("git", "init", "-q", "-b", "main");
        shell.ok("git", "add", "-A");
        shell.ok("git", "commit", "-q", "-m", "The project as the release finds it");
        shell.ok("git", "remote", "add", "origin", origin.toString());
        shell.ok("git", "push", "-q", "origin", "main");
        return new ReleaseRepository(dir, origin, shell);
    }

    /** The POMs, both action.yml files and the release scripts of the real repository. */
    private static List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCE, 2)) {
            List<String> poms = walk.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .map(p -> SOURCE.relativize(p).toString())
                    .filter(p -> !p.contains("target/") && !p.contains("/src/"))
                    .toList();
            List<String> scripts;
            try (Stream<Path> release = Files.list(SOURCE.resolve("release"))) {
                scripts = release.filter(p -> p.getFileName().toString().endsWith(".sh"))
                        .map(p -> SOURCE.relativize(p).toString()).toList();
            }
            return Stream.of(poms, scripts, List.of("action.yml", "setup/action.yml", "setup/install.sh"))
                    .flatMap(List::stream).toList();
        }
    }

    Shell.Run script(String name, String... args) {
        return shell.run(Shell.concat("release/" + name, args));
    }

    String ok(String name, String... args) {
        return shell.ok(Shell.concat("release/" + name, args));
    }

    String git(String... args) {
        return shell.ok(Shell.concat("git", args)).strip();
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A commit on main with one changed file, as development between releases makes. */
    void commit(String subject) {
        try {
            Files.writeString(dir.resolve("CHANGES.txt"), subject + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "CHANGES.txt");
        git("commit", "-q", "-m", subject);
    }

    /** The commit a tag points to in the origin, or null when the origin lacks it. */
    String originTag(String tag) {
        Shell.Run run = shell.run("git", "--git-dir", origin.toString(), "rev-parse", "-q", "--verify",
                "refs/tags/" + tag + "^{commit}");
        return run.exitCode() == 0 ? run.out().strip() : null;
    }
}
