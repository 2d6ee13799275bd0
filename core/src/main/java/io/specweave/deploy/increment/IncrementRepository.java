package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import io.specweave.deploy.BadInputException;
import io.specweave.deploy.FileProblem;
import io.specweave.deploy.Input;
import io.specweave.deploy.Message;
import io.specweave.deploy.Json;
import io.specweave.deploy.JsonInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds increments under {@code .specweave/increments}, including SpecWeave's lifecycle folders
 * ({@code _archive}, {@code _abandoned}, {@code _paused}, {@code _backlog}), and resolves what a user
 * types to one of them.
 */
public final class IncrementRepository {

    /** SpecWeave's lifecycle sub-folders of {@code increments/}: increments not (or no longer) in the active list. */
    public static final List<String> SIDE_FOLDERS = List.of("_archive", "_abandoned", "_paused", "_backlog");

    /** SpecWeave's default {@code cicd.git.branchPrefix}: an increment's branch is {@code sw/<id>}. */
    public static final String DEFAULT_BRANCH_PREFIX = "sw/";

    /** The location of an increment directly under {@code increments/}. */
    private static final String MAIN = "increments";
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");
    private static final Set<String> ACTIVE_STATUSES = Set.of("active", "in-progress", "in_progress");

    private final Path specweaveDir;

    public IncrementRepository(Path specweaveDir) {
        this.specweaveDir = specweaveDir.toAbsolutePath().normalize();
    }

    public Path incrementsDir() {
        return specweaveDir.resolve("increments");
    }

    /**
     * Every increment once, in the active list first, then the side folders; each sorted by number
     * then name. An increment in two of them (copied back from {@code _archive}) is the one SpecWeave
     * reads: in {@code increments/} first, then the side folders in their order.
     */
    public List<Increment> list() {
        List<Increment> all = new ArrayList<>(listIn(incrementsDir(), MAIN));
        for (String side : SIDE_FOLDERS) {
            all.addAll(listIn(incrementsDir().resolve(side), side));
        }
        Set<String> seen = new HashSet<>();
        return all.stream().filter(i -> seen.add(key(i.id()))).toList();
    }

    /**
     * Whether a folder of {@code increments/} (or of a side folder) is an increment: what SpecWeave's
     * folder scans count as one (IncrementNumberManager, the doctor, the status of increments): its
     * number of three or four digits, an optional letter (E for an external one), a hyphen, the name. Its name may be any text a folder can have: SpecWeave lists
     * {@code 0004-café} too. Other folders ({@code notes}) are not increments.
     */
    static boolean isIncrementFolder(String name) {
        // By hand rather than a regex: every listing asks it of every folder.
        int digits = 0;
        while (digits < name.length() && digits < 5 && name.charAt(digits) >= '0' && name.charAt(digits) <= '9') {
            digits++;
        }
        if (digits < 3 || digits > 4) {
            return false;
        }
        int at = digits;
        if (at < name.length() && (name.charAt(at) >= 'A' && name.charAt(at) <= 'Z'
                || name.charAt(at) >= 'a' && name.charAt(at) <= 'z')) {
            at++;
        }
        return at < name.length() && name.charAt(at) == '-';
    }

    private static List<Increment> listIn(Path dir, String location) {
        return foldersIn(dir).stream()
                .filter(p -> isIncrementFolder(p.getFileName().toString()))
                .map(p -> of(p, location))
                .sorted(Comparator.comparingInt(Increment::number).thenComparing(Increment::id))
                .toList();
    }

    private static List<Path> foldersIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How two spellings of one folder name compare: in any case, and in either Unicode form (macOS
     * keeps {@code é} as e and an accent; a terminal types it as one letter).
     */
    private static String key(String name) {
        // Plain ASCII has one form: the normalizer's tables take a cold run a while to load.
        boolean ascii = true;
        for (int i = 0; i < name.length() && ascii; i++) {
            ascii = name.charAt(i) < 0x80;
        }
        return (ascii ? name : Normalizer.normalize(name, Normalizer.Form.NFC)).toLowerCase(Locale.ROOT);
    }

    /** A reference that names a place rather than a folder: a separator, or the folder itself or its parent. */
    private static boolean isPath(String reference) {
        return reference.indexOf('/') >= 0 || reference.indexOf('\\') >= 0 || reference.equals(".")
                || reference.equals("..");
    }

    private static Increment of(Path folder, String location) {
        String name = folder.getFileName().toString();
        Matcher m = LEADING_NUMBER.matcher(name);
        int number = -1;
        if (m.find()) {
            try {
                number = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                number = -1;
            }
        }
        return new Increment(name, number, folder.toAbsolutePath().normalize(), location);
    }

    /**
     * Resolves {@code 0018}, {@code 18}, {@code 0018-oauth-google} or {@code active}. Unknown or
     * ambiguous references, and references that look like paths, are bad input.
     */
    public Increment resolve(String reference) {
        return resolve(reference, null, DEFAULT_BRANCH_PREFIX);
    }

    /**
     * {@link #resolve(String)}, where {@code active} with two active increments (SpecWeave allows
     * two) is the one the run's {@code branch} belongs to: SpecWeave's {@code <prefix><id>} branch,
     * or a branch in the increment's {@code prRefs}.
     */
    public Increment resolve(String reference, String branch, String branchPrefix) {
        if (reference == null || reference.isBlank()) {
            throw new BadInputException(Input.INCREMENT, Message.text("no increment given: pass an increment id "
                    + "such as 0018, or \"active\""));
        }
        String ref = reference.trim();
        if (ref.equalsIgnoreCase("active")) {
            return active(branch, branchPrefix);
        }
        if (isPath(ref)) {
            throw new BadInputException(Input.INCREMENT, Message.text("increment \"" + ref + "\": expected an "
                    + "increment id such as 0018 or 0018-oauth-google, not a path"));
        }
        List<Increment> all = list();
        String typed = key(ref);
        List<Increment> exact = all.stream().filter(i -> key(i.id()).equals(typed)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<Increment> matches;
        if (!exact.isEmpty()) {
            matches = exact;
        } else if (ref.chars().allMatch(Character::isDigit)) {
            int number = parseNumber(ref);
            matches = all.stream().filter(i -> i.number() == number).toList();
        } else {
            matches = all.stream().filter(i -> key(i.id()).startsWith(typed)).toList();
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            notAnIncrement(typed);
            throw new BadInputException(Input.INCREMENT, Message.text("increment \"" + ref
                    + "\": no such increment in " + display(incrementsDir()) + candidates(all)));
        }
        throw new BadInputException(Input.INCREMENT, Message.text("increment \"" + ref + "\" is ambiguous: it matches "
                + matches.stream().map(this::describe).collect(Collectors.joining(", "))
                + "; pass the whole folder name"));
    }

    /** Refuses a reference to a folder that is there but is no increment, saying why it is none. */
    private void notAnIncrement(String typed) {
        List<Path> folders = new ArrayList<>(foldersIn(incrementsDir()));
        SIDE_FOLDERS.forEach(side -> foldersIn(incrementsDir().resolve(side)).forEach(folders::add));
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (key(name).equals(typed) && !isIncrementFolder(name)) {
                throw new BadInputException(Input.INCREMENT, Message.text(display(folder) + " is not an increment "
                        + "folder: SpecWeave's are named by their number and name, such as 0018-oauth-google"
                        + (SIDE_FOLDERS.contains(name) ? " (" + name + " is SpecWeave's folder of increments "
                                + "moved out of the active list)" : "")
                        + "; pass the id of one of those"));
            }
        }
    }

    /**
     * SpecWeave's active increment: {@code state/active-increment.json} when what it names is active,
     * else the single increment whose metadata status is active.
     */
    public Increment active() {
        return active(null, DEFAULT_BRANCH_PREFIX);
    }

    /**
     * SpecWeave's active increments, as its MetadataManager finds them: those
     * {@code state/active-increment.json} names while each of them still has {@code "status":
     * "active"}; when one does not (a stale pointer SpecWeave repairs on its next run) or none is
     * named, those whose metadata status is {@code active} (else {@code in-progress}, a spelling
     * SpecWeave does not know). Of two, the one the run's branch belongs to.
     */
    public Increment active(String branch, String branchPrefix) {
        Path state = specweaveDir.resolve("state").resolve("active-increment.json");
        List<Increment> named = new ArrayList<>();
        String stale = null;
        List<String> unreadable = new ArrayList<>(1);
        for (String id : readActiveState(state, unreadable::add)) {
            Increment increment;
            try {
                increment = resolve(id);
            } catch (BadInputException e) {
                stale = "\"" + id + "\" (" + e.getMessage() + ")";
                break;
            }
            if (!MAIN.equals(increment.location())) {
                // SpecWeave reads a pointer only in increments/<id>: one into a lifecycle folder is stale.
                stale = increment.id() + " (it is in " + increment.location() + ")";
                break;
            }
            String status = status(increment);
            if (!"active".equals(status)) {
                stale = increment.id() + " (its status is " + (status == null ? "not set" : status) + ")";
                break;
            }
            named.add(increment);
        }
        List<Increment> active;
        String from;
        if (stale == null && !named.isEmpty()) {
            active = named;
            from = display(state);
        } else {
            // Each metadata.json read once: "active" first, SpecWeave's word; another spelling only without it.
            Map<Increment, String> statuses = new LinkedHashMap<>();
            // SpecWeave's MetadataManager.getAll passes over the lifecycle folders: an archived increment left
            // "active" is not.
            list().stream().filter(i -> MAIN.equals(i.location())).forEach(i -> statuses.put(i, status(i)));
            active = statuses.keySet().stream().filter(i -> "active".equals(statuses.get(i))).toList();
            if (active.isEmpty()) {
                active = statuses.keySet().stream().filter(i -> statuses.get(i) != null
                        && ACTIVE_STATUSES.contains(statuses.get(i))).toList();
            }
            from = "metadata.json \"status\": \"active\"";
        }
        if (active.size() == 1) {
            return active.get(0);
        }
        // Passed over as SpecWeave does; where the choice then fails, the file that could have made it is named.
        String broken = unreadable.isEmpty() ? null : unreadable.get(0).startsWith(display(state)) ? unreadable.get(0)
                : display(state) + ": " + unreadable.get(0);
        if (active.isEmpty()) {
            throw new BadInputException(Input.INCREMENT, Message.text("no active increment: " + (broken != null ? broken
                    + "," : display(state) + (stale == null ? " names none"
                            : " names " + stale + ", which is not active"))
                    + " and no increment's metadata.json has \"status\": \"active\"; pass the increment id"));
        }
        List<Increment> onBranch = active.stream().filter(i -> belongsTo(i, branch, branchPrefix)).toList();
        if (onBranch.size() == 1) {
            return onBranch.get(0);
        }
        String prefix = branchPrefix == null || branchPrefix.isBlank() ? DEFAULT_BRANCH_PREFIX : branchPrefix;
        throw new BadInputException(Input.INCREMENT, Message.text(active.size() + " increments are active (" + from
                + ": "
                + active.stream().map(Increment::id).collect(Collectors.joining(", ")) + ") and "
                + (branch == null || branch.isBlank() ? "the run's branch is not known"
                        : "the run's branch \"" + branch + "\" " + (onBranch.isEmpty() ? "belongs to neither"
                                : "matches several"))
                + " (an increment's branch is " + prefix + "<id>, or one in its metadata.json prRefs); "
                + (broken == null ? "" : broken + "; ") + "pass the increment id instead of \"active\""));
    }

    /** True when {@code branch} is the increment's SpecWeave branch ({@code [KEY/]<prefix><id>}) or in its prRefs. */
    private boolean belongsTo(Increment increment, String branch, String branchPrefix) {
        if (branch == null || branch.isBlank()) {
            return false;
        }
        String name = branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
        String prefix = branchPrefix == null || branchPrefix.isBlank() ? DEFAULT_BRANCH_PREFIX : branchPrefix;
        int at = name.indexOf(prefix);
        while (at >= 0) {
            if (at == 0 || name.charAt(at - 1) == '/') {
                Matcher number = LEADING_NUMBER.matcher(name.substring(at + prefix.length()));
                if (number.find() && parseNumber(number.group(1)) == increment.number()) {
                    return true;
                }
            }
            at = name.indexOf(prefix, at + 1);
        }
        Path file = increment.metadataFile();
        if (!Files.isRegularFile(file) || !FileUpdates.insideProject(file, specweaveDir)) {
            return false;
        }
        try {
            JsonNode refs = Json.mapper().readTree(file.toFile()).path("prRefs");
            for (JsonNode ref : refs) {
                if (name.equals(Json.text(ref, "branch"))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The increment's metadata status, lower case; null when it has none or no metadata.json. */
    private String status(Increment increment) {
        Path file = increment.metadataFile();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String source = display(file);
        try {
            FileUpdates.requireInsideProject(file, specweaveDir);
            // A file that cannot be read might be the active one: saying "no active increment" would mislead.
            JsonNode node = JsonInput.parse(JsonInput.readText(file, source), source, JsonInput.Syntax.JSON);
            String status = Json.text(node, "status");
            return status == null ? null : status.trim().toLowerCase(Locale.ROOT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (BadInputException e) {
            throw new BadInputException(Input.INCREMENT, Message.text("cannot tell which increment is active: "
                    + e.getMessage() + "; fix the file or pass the increment id instead of \"active\""), e);
        }
    }

    /** Reads the ids in SpecWeave's active-increment state, in its old ({@code id}) and new ({@code ids}) forms. */
    private List<String> readActiveState(Path state, java.util.function.Consumer<String> unreadable) {
        if (!Files.isRegularFile(state)) {
            return List.of();
        }
        try {
            FileUpdates.requireInsideProject(state, specweaveDir);
            JsonNode node = JsonInput.parse(JsonInput.readText(state, display(state)), display(state),
                    JsonInput.Syntax.JSON);
            List<String> ids = new ArrayList<>();
            if (node == null) {
                return ids;
            }
            if (node.isTextual()) {
                ids.add(node.asText());
            }
            for (String field : List.of("ids", "activeIds", "activeIncrements")) {
                JsonNode array = node.get(field);
                if (array == null || array.isNull()) {
                    continue;
                }
                if (array.isTextual()) {
                    // SpecWeave writes a list; one id given as a string (by hand) still says which one.
                    if (!array.asText().isBlank()) {
                        ids.add(array.asText());
                    }
                } else if (array.isArray()) {
                    array.forEach(n -> {
                        if (n.isTextual() && !n.asText().isBlank()) {
                            ids.add(n.asText());
                        } else if (n.isObject() && Json.text(n, "id") != null) {
                            ids.add(Json.text(n, "id"));
                        }
                    });
                } else {
                    unreadable.accept(display(state) + ": " + field + ": expected a list of increment ids such as "
                            + "[\"0018-oauth-google\"], got " + JsonInput.kind(array));
                }
            }
            for (String field : List.of("id", "incrementId", "activeIncrement", "increment")) {
                String id = Json.text(node, field);
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids.stream().map(String::trim).distinct().toList();
        } catch (IOException | BadInputException e) {
            // A state file SpecWeave left half-written says nothing we can trust: fall back to metadata.
            unreadable.accept(e instanceof IOException io ? "cannot be read: " + FileProblem.of(io) : e.getMessage());
            return List.of();
        }
    }

    /** The increment's {@code spec.md}; one that leads out of the project ({@link FileUpdates#insideProject}) is not read. */
    public SpecDocument spec(Increment increment) {
        return FileUpdates.insideProject(increment.specFile(), specweaveDir) ? SpecDocument.read(increment.specFile())
                : SpecDocument.empty();
    }

    /** The title of the increment's {@code spec.md} ({@link SpecDocument#readTitle}); null as for {@link #spec}. */
    public String title(Increment increment) {
        return FileUpdates.insideProject(increment.specFile(), specweaveDir) ? SpecDocument.readTitle(increment.specFile())
                : null;
    }

    private static int parseNumber(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private String describe(Increment increment) {
        return "increments".equals(increment.location()) ? increment.id() : increment.location() + "/" + increment.id();
    }

    private String candidates(List<Increment> all) {
        if (all.isEmpty()) {
            return ", which holds no increment folders";
        }
        List<String> names = all.stream().map(this::describe).limit(12).toList();
        return "; known increments: " + String.join(", ", names) + (all.size() > names.size() ? ", ..." : "");
    }

    private static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
