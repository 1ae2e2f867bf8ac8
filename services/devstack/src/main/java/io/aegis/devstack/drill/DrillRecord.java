package io.aegis.devstack.drill;

import java.time.Instant;
import java.util.List;

/**
 * What one drill run recorded, as plain data for {@link DrillTally}: the signals it offered, the
 * copies found in the inboxes, the escalations and notifications found, and when each phase began.
 *
 * @param sent          every signal offered, accepted or not
 * @param copies        every delivered copy of a signal of this run, one per inbox record
 * @param escalations   timestamps of the records on {@code aegis.escalations} since the drill began
 * @param notifications timestamps of the records on every {@code aegis.notify.<CC>} since the drill began
 * @param phaseStarts   when each phase began, in phase order
 * @param end           when the drill's last window closes (after the settle period)
 */
public record DrillRecord(List<Sent> sent, List<Copy> copies, List<Instant> escalations, List<Instant> notifications,
                          List<Instant> phaseStarts, Instant end) {

    public DrillRecord {
        sent = List.copyOf(sent);
        copies = List.copyOf(copies);
        escalations = List.copyOf(escalations);
        notifications = List.copyOf(notifications);
        phaseStarts = List.copyOf(phaseStarts);
    }

    /**
     * One signal offered at a node.
     *
     * @param token    the signal's token in the run (see {@link DrillSignals#token})
     * @param phase    index of the phase it was offered in
     * @param origin   the node it was posted at
     * @param accepted true when the node answered 202
     * @param outcome  the status, or the failure of the call, for the report
     */
    public record Sent(String token, int phase, String origin, boolean accepted, String outcome) {
    }

    /**
     * One delivered copy ({@code SharedSignal}) of a drill signal in an inbox.
     *
     * @param inbox    the destination country whose inbox holds it
     * @param token    the signal's token, from the copy's title
     * @param phase    the phase index from the copy's title
     * @param signalId the id the node gave the signal
     */
    public record Copy(String inbox, String token, int phase, String signalId) {
    }
}
