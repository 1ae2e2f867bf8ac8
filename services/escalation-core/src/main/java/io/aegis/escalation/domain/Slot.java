package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import java.util.Objects;

/**
 * The tally of a group's signals of one category in one time slot (the correlation resolution,
 * one minute by default). Slots are stored beside the group and read when they leave a window.
 *
 * @param start    slot start, epoch millis, a multiple of the resolution
 * @param category the signals' category
 * @param tally    their counts (mutable)
 */
public record Slot(long start, Category category, Tally tally) {

    public Slot {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(tally, "tally");
    }

    public static Slot empty(long start, Category category) {
        return new Slot(start, category, Tally.empty());
    }
}
