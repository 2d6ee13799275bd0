package io.specweave.deploy.release;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A runnable jar standing in for the CLI jar: the release and install scripts treat it as the CLI
 * ({@code --version}, {@code completion}, any other command echoed back with its exit code), without
 * building the real one.
 */
final class FakeCli {

    private FakeCli() {
    }

    /** The java command of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path jar(Path target, String version) {
        try {
            Path src = Files.createDirectories(target.resolveSibling(target.getFileName() + ".classes"));
            Path source = src.resolve("FakeSpecweaveDeploy.java");
            Files.writeString(source, """
                    public class FakeSpecweaveDeploy {
                        public static void main(String[] args) {
                            String first = args.length == 0 ? "" : args[0];
                            if (first.equals("--version")) {
                                System.out.println("specweave-deploy %s");
                            } else if (first.equals("completion")) {
                                System.out.println("complete -F _specweave_deploy specweave-deploy");
                            } else {
                                System.out.println("ran " + String.join(" ", args));
                                System.exit(first.equals("fail") ? 3 : 0);
                            }
                        }
                    }
                    """.formatted(version));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "-d", src.toString(), source.toString());
            if (status != 0) {
                throw new AssertionError("could not compile the fake CLI");
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeSpecweaveDeploy");
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest)) {
                for (String name : List.of("FakeSpecweaveDeploy.class")) {
                    jar.putNextEntry(new JarEntry(name));
                    jar.write(Files.readAllBytes(src.resolve(name)));
                    jar.closeEntry();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
