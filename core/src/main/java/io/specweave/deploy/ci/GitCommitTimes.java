package io.specweave.deploy.ci;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Commit times from the project's git repository, for many commits at once: one
 * {@code git cat-file --batch} process reads every commit object, so 50,000 commits cost one
 * process, not 50,000. Commits the repository does not hold (shallow clones, other repositories)
 * are absent from the answer; whether the clone is shallow is part of it, so a caller can say why.
 */
public final class GitCommitTimes {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    private GitCommitTimes() {
    }

    /**
     * What the repository knows of some commits.
     *
     * @param times   committer time of each commit found
     * @param shallow the clone lacks history ({@code git clone --depth}, a default {@code actions/checkout})
     */
    public record CommitTimes(Map<String, Instant> times, boolean shallow) {

        /** The commits asked for that the repository does not hold. */
        public long missing(Collection<String> commits) {
            return commits.stream().filter(c -> c != null && !times.containsKey(c)).distinct().count();
        }
    }

    /** Committer times of the commits found; none when {@code dir} is not in a git work tree or git is missing. */
    public static CommitTimes lookup(Path dir, Collection<String> commits) {
        List<String> wanted = commits.stream().filter(c -> c != null && SHA.matcher(c).matches()).distinct().toList();
        if (wanted.isEmpty() || GitCommand.repositoryRoot(dir) == null) {
            return new CommitTimes(Map.of(), false);
        }
        Map<String, Instant> times = read(dir, wanted);
        boolean shallow = times.size() < wanted.size() && isShallow(dir);
        return new CommitTimes(times, shallow);
    }

    /** Asked only when a commit is missing: a complete answer needs no excuse. */
    private static boolean isShallow(Path dir) {
        return GitCommand.lines(dir, Duration.ofSeconds(10), "rev-parse", "--is-shallow-repository")
                .stream().anyMatch("true"::equals);
    }

    private static Map<String, Instant> read(Path dir, List<String> wanted) {
        Map<String, Instant> times = new HashMap<>();
        Process process;
        try {
            process = GitCommand.in(dir, List.of("cat-file", "--batch"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return times;
        }
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                StringBuilder batch = new StringBuilder(wanted.size() * 41);
                wanted.forEach(c -> batch.append(c).append('\n'));
                in.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // git ended early (not a repository): the reader sees the end of its output.
            }
        }, "git-cat-file-input");
        writer.setDaemon(true);
        writer.start();
        try (InputStream out = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
            for (String commit : wanted) {
                String header = line(out);
                if (header == null) {
                    break;
                }
                String[] parts = header.split(" ");
                if (parts.length != 3) {
                    continue; // "<name> missing" or "<name> ambiguous"
                }
                int size = Integer.parseInt(parts[2]);
                byte[] body = out.readNBytes(size);
                out.read(); // the newline after the object
                if ("commit".equals(parts[1])) {
                    Instant at = committerTime(body);
                    if (at != null) {
                        times.put(commit, at);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // What was read so far is good; the rest falls back to first deployments.
        } finally {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        return times;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            buffer.write(b);
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The epoch seconds on the {@code committer} header line. */
    static Instant committerTime(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int start = text.startsWith("committer ") ? 0 : text.indexOf("\ncommitter ");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf('\n', start + 1);
        String line = text.substring(start == 0 ? 0 : start + 1, end < 0 ? text.length() : end);
        String[] tokens = line.trim().split(" ");
        if (tokens.length < 2) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(tokens[tokens.length - 2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
