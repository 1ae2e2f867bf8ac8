package io.aegis.replay.whatif;

import java.time.Instant;
import java.util.List;

/**
 * The difference between what happened and what candidate rules would have done over a range.
 *
 * @param from       start of the compared range
 * @param to         end of the compared range
 * @param rules      candidate rules file
 * @param baseline   what the candidate is compared with: "recorded" escalations or a baseline rules file
 * @param signals    coordination signals replayed (including the warm-up before the range)
 * @param actual     escalations in the range that happened (or the baseline made)
 * @param candidate  escalations in the range the candidate rules make
 * @param gained     escalations only the candidate makes
 * @param lost       escalations the candidate no longer makes
 * @param earlier    escalations the candidate makes sooner
 * @param later      escalations the candidate makes later
 * @param unchanged  escalations at the same time under both
 */
public record WhatIfReport(Instant from, Instant to, String rules, String baseline, int signals, int actual,
                           int candidate, List<Change> gained, List<Change> lost, List<Change> earlier,
                           List<Change> later, int unchanged) {

    public WhatIfReport {
        gained = List.copyOf(gained);
        lost = List.copyOf(lost);
        earlier = List.copyOf(earlier);
        later = List.copyOf(later);
    }

    public boolean changed() {
        return !gained.isEmpty() || !lost.isEmpty() || !earlier.isEmpty() || !later.isEmpty();
    }
}
