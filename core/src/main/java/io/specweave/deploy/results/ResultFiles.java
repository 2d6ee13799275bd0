package io.specweave.deploy.results;

import io.specweave.deploy.model.LoadTestResults;
import io.specweave.deploy.model.TestResults;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads the result files a deploy job attaches. Relative paths and globs are resolved
 * against {@code baseDir} (the project folder); globs use Java's syntax ({@code *}, {@code **},
 * {@code ?}, {@code {a,b}}), so {@code build/test-results/**}{@code /*.xml} means every XML file
 * below {@code build/test-results}.
 */
public final class ResultFiles {

    private final Path baseDir;

    public ResultFiles(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Every JUnit XML file the glob matches, counted together; a bad file is the input's bad input. */
    public TestResults testResults(String glob) {
        List<Path> files = glob(glob, Input.TEST_RESULTS);
        JUnitXmlParser parser = new JUnitXmlParser();
        return BadInputException.about(Input.TEST_RESULTS, () -> files.stream()
                .map(file -> parser.parse(file, display(file))).reduce(TestResults.EMPTY, TestResults::plus));
    }

    public double coverage(String file) {
        Path path = resolve(file);
        return BadInputException.about(Input.COVERAGE, () -> new CoverageParser().parse(path, display(path)));
    }

    public LoadTestResults loadTestResults(String file) {
        Path path = resolve(file);
        return BadInputException.about(Input.LOAD_TEST_RESULTS,
                () -> new K6SummaryParser().parse(path, display(path)));
    }

    /** The files {@code pattern} matches, sorted; none is bad input naming the option and the folder. */
    public List<Path> glob(String pattern, Input option) {
        String normalized = pattern.replace('\\', '/');
        int firstMeta = indexOfMeta(normalized);
        if (firstMeta < 0) {
            Path file = resolve(pattern);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(option, Message.of(Message.arg(option, pattern), ": no such file (" + display(file) + ")"));
            }
            return List.of(file);
        }
        int slash = normalized.lastIndexOf('/', firstMeta);
        String fixed = slash < 0 ? "" : normalized.substring(0, slash);
        String rest = slash < 0 ? normalized : normalized.substring(slash + 1);
        Path root = fixed.isEmpty() ? baseDir : fixed.startsWith("/") ? Path.of(fixed) : baseDir.resolve(fixed);
        PathMatcher deep;
        PathMatcher top;
        try {
            deep = FileSystems.getDefault().getPathMatcher("glob:" + rest);
            // "**/*.xml" also matches files directly in the folder, as in shells with globstar.
            top = rest.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)) : deep;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new BadInputException(option, Message.of(Message.arg(option, pattern), ": not a glob pattern ("
                    + e.getDescription() + "); a [ or { opens a group that must be closed, e.g. build/*.xml, "
                    + "reports/{unit,it}/*.xml"));
        }
        PathMatcher matcher = p -> deep.matches(p) || top.matches(p);
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(root)) {
            int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> matcher.matches(root.relativize(p)))
                        .sorted()
                        .forEach(matches::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (matches.isEmpty()) {
            throw new BadInputException(option, Message.of(Message.arg(option, pattern), ": no file matches (searched "
                    + display(root) + "); expected at least one JUnit XML report"));
        }
        return matches;
    }

    private static int indexOfMeta(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    private Path resolve(String file) {
        Path path = Path.of(file);
        return (path.isAbsolute() ? path : baseDir.resolve(path)).normalize();
    }

    private String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
