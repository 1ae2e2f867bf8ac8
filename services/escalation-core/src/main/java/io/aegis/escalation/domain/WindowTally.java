package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A group's running counts over one window, per category: the slots that start after
 * {@code boundary}. The engine moves the boundary forward as time passes, taking out the slots it
 * passes, so evaluating a window costs the same however many signals it holds.
 */
public final class WindowTally {

    private long boundary;
    private final Map<Category, Tally> byCategory;

    public WindowTally(long boundary, Map<Category, Tally> byCategory) {
        this.boundary = boundary;
        this.byCategory = byCategory.isEmpty() ? new EnumMap<>(Category.class) : new EnumMap<>(byCategory);
    }

    /** Slots starting at or before this instant are outside the window. */
    public long boundary() {
        return boundary;
    }

    public Map<Category, Tally> byCategory() {
        return Collections.unmodifiableMap(byCategory);
    }

    /** Whether a slot starting at {@code slotStart} is counted. */
    public boolean covers(long slotStart) {
        return slotStart > boundary;
    }

    void moveBoundary(long to) {
        boundary = to;
    }

    void add(Category category, Observation o) {
        byCategory.computeIfAbsent(category, c -> Tally.empty()).add(o);
    }

    void remove(Category category, Observation o) {
        subtract(category, t -> t.remove(o));
    }

    void add(Slot slot) {
        byCategory.computeIfAbsent(slot.category(), c -> Tally.empty()).add(slot.tally());
    }

    void remove(Slot slot) {
        subtract(slot.category(), t -> t.remove(slot.tally()));
    }

    private void subtract(Category category, java.util.function.Consumer<Tally> change) {
        Tally tally = byCategory.get(category);
        if (tally != null) {
            change.accept(tally);
            if (tally.isEmpty()) {
                byCategory.remove(category);
            }
        }
    }
}
