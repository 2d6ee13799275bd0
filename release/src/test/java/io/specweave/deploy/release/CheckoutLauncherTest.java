package io.specweave.deploy.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's launcher ({@code ./specweave-deploy}) and its class-data-sharing archive, on a fake
 * Java that notes what it is asked to do: training, dumping the archive, running the CLI.
 */
class CheckoutLauncherTest {

    /** A java that writes the class list and the archive it is asked for and logs each call's kind. */
    private static final String FAKE_JAVA = """
            #!/bin/sh
            dump=""
            for a in "$@"; do
              case "$a" in
                -XX:DumpLoadedClassList=*) echo "java/lang/Object" > "${a#*=}" ;;
                -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
                -Xshare:dump) dump=1 ;;
              esac
            done
            if [ -n "$dump" ]; then echo archive > "$archive"; echo dump >> "$CALLS"; exit 0; fi
            case " $* " in *" -Xshare:off "*) echo train >> "$CALLS"; exit 0 ;; esac
            echo run >> "$CALLS"
            """;

    @TempDir
    Path temp;

    private Path launcher;
    private Path release;
    private Path calls;
    private Shell shell;

    @BeforeEach
    void checkout() throws IOException {
        Path checkout = Files.createDirectories(temp.resolve("checkout"));
        launcher = checkout.resolve("specweave-deploy");
        Files.copy(ReleaseRepository.SOURCE.resolve("specweave-deploy"), launcher);
        Files.writeString(Files.createDirectories(checkout.resolve("cli/target")).resolve("specweave-deploy.jar"), "jar");
        Files.writeString(Files.createDirectories(checkout.resolve("examples/demo")).resolve("README.md"), "demo");
        Path bin = Files.createDirectories(temp.resolve("jdk/bin"));
        Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        release = temp.resolve("jdk/release");
        Files.writeString(release, "JAVA_VERSION=\"17.0.15\"\nJAVA_RUNTIME_VERSION=\"17.0.15+6\"\n");
        calls = temp.resolve("calls");
        shell = new Shell(checkout, Files.createDirectories(temp.resolve("home")))
                .env("PATH", System.getenv("PATH"))
                .env("JAVA_HOME", temp.resolve("jdk").toString())
                .env("CALLS", calls.toString());
    }

    @Test
    void trainsTheArchiveOnceAndAgainWhenTheJdkIsUpgradedInPlace() throws IOException {
        assertThat(runCalls()).as("first run trains on a sync and a status, then dumps")
                .containsExactly("train", "train", "dump", "run");
        assertThat(runCalls()).as("the archive is reused").containsExactly("run");

        // apt upgrades the JDK under the same path: the old archive would no longer map into it
        Files.writeString(release, "JAVA_VERSION=\"17.0.16\"\nJAVA_RUNTIME_VERSION=\"17.0.16+8\"\n");
        assertThat(runCalls()).containsExactly("train", "train", "dump", "run");
        assertThat(runCalls()).containsExactly("run");
    }

    /** The fake java's calls during one run of the launcher. */
    private List<String> runCalls() throws IOException {
        Files.deleteIfExists(calls);
        Shell.Run run = shell.run(launcher.toString(), "status");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return Files.readAllLines(calls);
    }
}
