package io.specweave.deploy.tracker;

import io.specweave.deploy.OperationFailedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which item is the tracking item of one (increment, environment): the rule every provider follows,
 * written once over a small {@link Store} each provider implements.
 *
 * <ol>
 * <li>The link stored in {@code metadata.json}, while that item exists and is this identity's: it
 *     carries the marker, or carries no marker at all but the identity's labels (someone edited the
 *     marker away). An item with another identity's marker is never taken.
 * <li>Else the items the provider's consistent list or query returns for the identity's labels,
 *     any state, that carry exactly this marker, read oldest first up to {@link #LOOKUP_LIMIT}. The
 *     oldest (creation time, then lowest id) is the item; newer open ones are duplicates and are
 *     marked so; closed ones are left as they are.
 * <li>Else a new item. Right after, the same lookup again: when another run created one for the
 *     same identity at the same time and its item is older, this run marks its own as a duplicate
 *     and adopts the older one. Newer items of racing runs are theirs to mark: each run settles its
 *     own, and a later lookup marks any that a run left behind.
 * </ol>
 *
 * <p>Only items carrying the same marker are ever marked: another increment's or environment's
 * item, even one labelled the same or titled alike, is never touched.
 *
 * @param <I> the provider's item type
 */
public final class ItemIdentity<I> {

    /** Where every marker starts; an item whose text has one of another identity is never this one. */
    public static final String MARKER_START = "specweave-deploy:increment=";

    /**
     * How many labelled items the marker lookup reads at most, oldest first. Far more than an
     * identity ever gathers (one item, a few duplicates), yet it keeps a project where someone gave
     * the labels to hundreds of other items from costing a sync hundreds of requests.
     */
    public static final int LOOKUP_LIMIT = 1000;

    /** One provider's items, as the identity rule needs them. Implementations talk to the vendor. */
    public interface Store<I> {

        /** The item the link stored in {@code metadata.json} names; empty without a link or when it is gone. */
        Optional<I> linked();

        /**
         * The items the consistent list or query returns for the identity's labels or tags, in any
         * state, oldest first, page after page until the end or until {@code atMost} are read.
         */
        List<I> labelled(int atMost);

        /** The item's text in which its marker stands (body, description as text, HTML). */
        String text(I item);

        /** True when the item carries every label or tag of the identity. */
        boolean hasIdentityLabels(I item);

        /** Creates the item. */
        I create();

        /** When the item was created; null when the vendor did not say. */
        Instant createdAt(I item);

        /** The vendor's number for the item: issue number, Jira id, work item id. */
        long id(I item);

        /** True when the item is closed (or otherwise finished) by someone else's doing. */
        boolean closed(I item);

        /** Marks {@code duplicate} as a duplicate of {@code kept}, as the vendor's users expect it. */
        void markDuplicate(I duplicate, I kept);

        /** How a warning names the item: "#12", "PROD-3", "work item #5". */
        String name(I item);

        /** What the vendor calls an item in a sentence: "issue", "Jira issue", "work item". */
        String noun();
    }

    /**
     * The item found or created.
     *
     * @param item    the tracking item
     * @param created true when this run created it and it is the one kept
     * @param adopted true when this run created one, found an older one of a racing run and took it
     */
    public record Resolution<I>(I item, boolean created, boolean adopted) {
    }

    private final Store<I> store;
    private final String marker;
    private final String incrementId;
    private final String environment;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param marker the identity marker as it stands in {@link Store#text} (escaped as the vendor stores it)
     */
    public ItemIdentity(Store<I> store, String marker, String incrementId, String environment) {
        this.store = store;
        this.marker = marker;
        this.incrementId = incrementId;
        this.environment = environment;
    }

    /** What the user should know: a stored link that is not this identity's item. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Finds the item, marking duplicates, or creates it; settles a creation race. */
    public Resolution<I> resolve() {
        Optional<I> linked = linked();
        if (linked.isPresent()) {
            return new Resolution<>(linked.get(), false, false);
        }
        List<I> matches = matches(true);
        if (!matches.isEmpty()) {
            I kept = matches.get(0);
            for (I newer : matches.subList(1, matches.size())) {
                if (!store.closed(newer)) {
                    store.markDuplicate(newer, kept);
                }
            }
            return new Resolution<>(kept, false, false);
        }
        I mine = store.create();
        // Past the limit now, this run's item is the one not read: it is newer than all that were.
        List<I> after = new ArrayList<>(matches(false));
        if (after.stream().noneMatch(i -> store.id(i) == store.id(mine))) {
            after.add(mine);
            sortOldestFirst(after);
        }
        I oldest = after.get(0);
        if (store.id(oldest) == store.id(mine)) {
            return new Resolution<>(mine, true, false);
        }
        // Ours, whatever its state: this run made it a moment ago.
        store.markDuplicate(mine, oldest);
        return new Resolution<>(oldest, false, true);
    }

    /** Finds the item without writing anything: for reading its record copy. */
    public Optional<I> find() {
        return linked().or(() -> matches(true).stream().findFirst());
    }

    private Optional<I> linked() {
        Optional<I> linked = store.linked();
        if (linked.isPresent() && !belongs(linked.get())) {
            warnings.add(store.name(linked.get()) + " (linked in metadata.json) is not the tracking " + store.noun()
                    + " of " + incrementId + " in " + environment + "; looked it up by its marker");
            return Optional.empty();
        }
        return linked;
    }

    private boolean belongs(I item) {
        String text = text(item);
        return carries(text, marker) || !text.contains(MARKER_START) && store.hasIdentityLabels(item);
    }

    /**
     * The labelled items that carry exactly this marker, oldest first. The store reads them oldest
     * first, so the first {@link #LOOKUP_LIMIT} hold the oldest match when there is one; newer
     * duplicates past them wait for a lookup after some are gone. With none among them and more
     * beyond, the item may be past the limit: {@code refuseUnread} fails rather than create a
     * duplicate of it.
     */
    private List<I> matches(boolean refuseUnread) {
        List<I> labelled = store.labelled(LOOKUP_LIMIT + 1);
        boolean unread = labelled.size() > LOOKUP_LIMIT;
        List<I> matches = new ArrayList<>();
        for (I item : unread ? labelled.subList(0, LOOKUP_LIMIT) : labelled) {
            if (carries(text(item), marker)) {
                matches.add(item);
            }
        }
        if (refuseUnread && unread && matches.isEmpty()) {
            throw new OperationFailedException("more than " + LOOKUP_LIMIT + " " + store.noun() + "s carry the labels or "
                    + "tags of " + incrementId + " in " + environment + " and none of the oldest " + LOOKUP_LIMIT + " is its "
                    + "tracking " + store.noun() + ": nothing was created, as one past them may be it. Take them off the "
                    + store.noun() + "s that are not SpecWeave Deploy's, or store the " + store.noun()
                    + "'s link in metadata.json");
        }
        sortOldestFirst(matches);
        return matches;
    }

    /**
     * By creation time, then lowest id. When the vendor did not say when one of them was created (a
     * create answer carries only the id), by id alone: ids grow with time, and a comparison of some
     * times and some ids would not be an order.
     */
    private void sortOldestFirst(List<I> items) {
        Comparator<I> byId = Comparator.comparingLong(store::id);
        boolean timed = items.stream().allMatch(i -> store.createdAt(i) != null);
        items.sort(timed ? Comparator.comparing((I i) -> store.createdAt(i)).thenComparing(byId) : byId);
    }

    private String text(I item) {
        String text = store.text(item);
        return text == null ? "" : text;
    }

    /**
     * True when {@code text} carries {@code marker} itself, not a longer one that starts alike
     * ({@code environment=qa} is not {@code environment=qa-east}).
     */
    public static boolean carries(String text, String marker) {
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            int end = at + marker.length();
            if (end == text.length() || !continuesAName(text.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    private static boolean continuesAName(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }
}
