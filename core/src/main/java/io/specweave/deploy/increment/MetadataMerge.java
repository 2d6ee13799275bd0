package io.specweave.deploy.increment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.specweave.deploy.DeployException;
import io.specweave.deploy.Json;
import io.specweave.deploy.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Two changes to one {@code metadata.json} made from the same version, merged by record: one
 * environment's record ({@code deployments.<environment>}) and each other value of the file is a
 * unit, taken whole from the side that changed it (from the side the caller says when both did). A record is not merged field by field: a test
 * result of one deployment must not end up on another job's newer deployment.
 */
public final class MetadataMerge {

    private MetadataMerge() {
    }

    /**
     * Two versions merged, and the units both changed differently ({@code deployments.dev},
     * {@code status}), which took the side asked for.
     */
    public record Merged(String text, List<String> collisions) {

        public Merged {
            collisions = List.copyOf(collisions);
        }
    }

    /**
     * {@code theirs} with the changes {@code ours} made since {@code base}, laid out as {@code theirs}
     * is ({@code ours} itself when theirs has nothing ours lacks). A unit both changed differently
     * takes ours when {@code oursOnCollision}, else theirs, and is named in the result. Empty when a
     * text is not a JSON object.
     *
     * @param base   the version both started from; null when it had no such file
     * @param ours   this checkout's version
     * @param theirs the version the other changes are in (the branch's)
     */
    public static Optional<Merged> threeWay(String base, String ours, String theirs, boolean oursOnCollision) {
        return threeWay(base, List::of, ours, theirs, oursOnCollision);
    }

    /**
     * {@link #threeWay(String, String, String, boolean)} where ours was brought to versions of the
     * branch since {@code base} before ({@code readSince}, an earlier step's catch-up): a unit ours
     * holds as one of them has it was read, not changed, so the branch's newer value takes its place.
     * The versions are asked for only when a unit both sides changed needs them (each is a read of git).
     */
    public static Optional<Merged> threeWay(String base, Supplier<List<String>> readSince, String ours, String theirs,
            boolean oursOnCollision) {
        if (ours == null || theirs == null) {
            return Optional.empty();
        }
        try {
            ObjectNode baseRoot = base == null ? Json.mapper().createObjectNode()
                    : MetadataDocument.parse(base, "base").root();
            MetadataDocument theirsDocument = MetadataDocument.parse(theirs, "theirs");
            ObjectNode merged = theirsDocument.root();
            ObjectNode oursRoot = MetadataDocument.parse(ours, "ours").root();
            Supplier<List<ObjectNode>> read = memoized(() -> {
                List<ObjectNode> roots = new ArrayList<>();
                for (String version : readSince.get()) {
                    try {
                        roots.add(MetadataDocument.parse(version, "read").root());
                    } catch (DeployException e) {
                        // A version that is no JSON object says nothing of what was read.
                    }
                }
                return roots;
            });
            List<String> collisions = new ArrayList<>();
            mergeInto(merged, baseRoot, read, oursRoot, "", oursOnCollision, collisions);
            // Nothing of theirs that ours lacks: ours as it is, not laid out again.
            return Optional.of(new Merged(Trees.sameValue(merged, oursRoot) ? ours : theirsDocument.toText(),
                    collisions));
        } catch (DeployException e) {
            // Not a JSON object on one side: nothing to merge by meaning.
            return Optional.empty();
        }
    }

    /**
     * Writes into {@code merged} (a copy of theirs) the values {@code ours} changed since {@code base},
     * adding to {@code collisions} each unit both changed. At the top ({@code path} empty), objects both
     * changed ({@code deployments}) are merged key by key; below that each value is a unit.
     */
    private static void mergeInto(ObjectNode merged, ObjectNode base, Supplier<List<ObjectNode>> read, ObjectNode ours,
            String path, boolean oursOnCollision, List<String> collisions) {
        Set<String> keys = new LinkedHashSet<>();
        base.fieldNames().forEachRemaining(keys::add);
        ours.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode b = base.get(key);
            JsonNode o = ours.get(key);
            JsonNode t = merged.get(key);
            if (same(o, b) || same(o, t)) {
                continue;
            }
            boolean both = !same(t, b);
            if (both && o != null && read.get().stream().anyMatch(r -> same(o, r.get(key)))) {
                // Ours holds it as the branch had it: read by an earlier catch-up, not changed; theirs is newer.
                continue;
            }
            if (both && path.isEmpty() && o instanceof ObjectNode oo && t instanceof ObjectNode to
                    && (b == null || b instanceof ObjectNode)) {
                Supplier<List<ObjectNode>> readBelow = memoized(() -> read.get().stream().map(r -> r.get(key))
                        .filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast).toList());
                mergeInto(to, b == null ? Json.mapper().createObjectNode() : (ObjectNode) b, readBelow, oo, key + ".",
                        oursOnCollision, collisions);
                continue;
            }
            if (both) {
                collisions.add(path + key);
                if (!oursOnCollision) {
                    continue;
                }
            }
            if (o == null) {
                merged.remove(key);
            } else {
                merged.set(key, o.deepCopy());
            }
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a == null || b == null ? a == b : Trees.sameValue(a, b);
    }
}
