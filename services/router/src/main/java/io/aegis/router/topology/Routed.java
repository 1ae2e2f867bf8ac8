package io.aegis.router.topology;

import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.ReceiptKind;

/** One output of the routing processor; the topology splits them to their sinks by type. */
sealed interface Routed {

    /** A copy or notice for {@code aegis.inbox.<destination>}. */
    record ToInbox(String destination, InboxEvent event) implements Routed {
    }

    /** The minimised view for {@code aegis.coordination.signals}, keyed by correlation key. */
    record ToCoordination(String correlationKey, CoordinationSignal signal) implements Routed {
    }

    /** A routing decision before it is hash-chained; {@code expectedReceipt} is null when no receipt is due. */
    record ToAudit(RoutingDecision decision, ReceiptKind expectedReceipt) implements Routed {
    }

    /** A receipt whose country the outbox proved, re-published on {@code aegis.receipts}. */
    record ToReceipts(Receipt receipt) implements Routed {
    }

    /** An accepted, versioned policy for {@code aegis.policies}, keyed by country. */
    record ToPolicies(SharingPolicy policy) implements Routed {
    }

    /** A rejected outbox record: original key and bytes, and why. */
    record ToDlq(byte[] key, byte[] value, String reason) implements Routed {
    }
}
