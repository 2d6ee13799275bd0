package io.specweave.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.specweave.deploy.image.ImageMain.FrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which front end the image's entry point runs, and what each choice does in a process of its own. */
class ImageMainTest {

    private static final Path DEMO = Path.of("..", "examples", "demo").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void argumentsRunTheCliWhereverTheImageRuns() {
        assertThat(ImageMain.frontEnd(Map.of(), List.of("status"))).isEqualTo(FrontEnd.CLI);
        assertThat(ImageMain.frontEnd(Map.of("INPUT_COMMAND", "sync"), List.of("status", "0002")))
                .isEqualTo(FrontEnd.CLI);
        // A `uses: docker://IMAGE` step with `args:` runs with GITHUB_ACTIONS=true and asks for a command.
        assertThat(ImageMain.frontEnd(Map.of("GITHUB_ACTIONS", "true"), List.of("dora", "--json")))
                .isEqualTo(FrontEnd.CLI);
    }

    @Test
    void withoutArgumentsTheRunnersEnvironmentRunsTheAction() {
        assertThat(ImageMain.frontEnd(Map.of("GITHUB_ACTIONS", "true"), List.of())).isEqualTo(FrontEnd.ACTION);
        assertThat(ImageMain.frontEnd(Map.of("INPUT_ENVIRONMENT", "qa"), List.of())).isEqualTo(FrontEnd.ACTION);
        assertThat(ImageMain.frontEnd(Map.of("GITHUB_ACTIONS", "false"), List.of())).isEqualTo(FrontEnd.CLI);
        assertThat(ImageMain.frontEnd(Map.of("CI", "true", "HOME", "/root"), List.of())).isEqualTo(FrontEnd.CLI);
    }

    @Test
    void statusShowsTheStatusAndWritesNothing() throws Exception {
        Path project = copyDemo();
        Map<String, String> before = hashes(project);

        Result result = launch(project, Map.of(), "status");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("0002").contains("qa");
        assertThat(result.stdout()).doesNotContain("::");
        assertThat(hashes(project)).isEqualTo(before);
    }

    @Test
    void noArgumentsOutsideActionsPrintTheUsageAndWriteNothing() throws Exception {
        Path project = copyDemo();
        Map<String, String> before = hashes(project);

        Result result = launch(project, Map.of());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Usage: specweave-deploy");
        assertThat(hashes(project)).isEqualTo(before);
    }

    @Test
    void theRunnersStartWithoutArgumentsRunsTheAction() throws Exception {
        Path project = copyDemo();
        Path output = Files.createFile(temp.resolve("output"));

        Result result = launch(project, Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", project.toString(),
                "GITHUB_OUTPUT", output.toString(), "INPUT_COMMAND", "status", "INPUT_INCREMENT", "0002"));

        assertThat(result.exitCode()).as(result.stdout()).isZero();
        assertThat(result.stdout()).contains("::group::Pipeline status of 0002");
        assertThat(Files.readString(output)).contains("increment=0002");
    }

    @Test
    void whatTheCliWritesAsRootBelongsToTheProjectsOwner() throws Exception {
        Path project = copyDemo();
        Path probe = Files.createTempFile(temp, "uid", "");
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid")),
                "needs root: the container's user, who can give files another owner");
        try (Stream<Path> all = Files.walk(project)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", 1001, LinkOption.NOFOLLOW_LINKS);
            }
        }

        Result result = launch(temp, Map.of(), "sync", "0002", "--profile", "local-qa", "--deployed",
                "--no-health-check", "--dir", project.toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        try (Stream<Path> all = Files.walk(project.resolve(".specweave"))) {
            assertThat(all.filter(p -> !owner(p).equals(1001)).toList()).isEmpty();
        }
        assertThat(Files.readString(project.resolve(".specweave/increments/0002-password-reset/metadata.json")))
                .contains("\"qa\": {");
    }

    private static Object owner(Path p) {
        try {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** The entry point in its own JVM, with only the given environment (and PATH, for git). */
    private static Result launch(Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ImageMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private Path copyDemo() throws IOException {
        Path target = temp.resolve("project");
        try (Stream<Path> all = Files.walk(DEMO)) {
            for (Path source : all.toList()) {
                Path copy = target.resolve(DEMO.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    /** Every file's SHA-256 by its path in the project: a file written, added or removed changes it. */
    private static Map<String, String> hashes(Path root) throws IOException, NoSuchAlgorithmException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return hashes;
    }
}
