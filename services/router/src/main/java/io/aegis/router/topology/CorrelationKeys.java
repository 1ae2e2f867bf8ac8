package io.aegis.router.topology;

import io.aegis.schema.coordination.KeyKind;
import io.aegis.schema.routing.CoordinationSignal;

/**
 * Key of a coordination record: its campaign id as the view carries it (raw for FULL, HMAC for
 * HASHED), else {@code cat:<CATEGORY>} (the key kinds are {@link KeyKind}'s), so related signals meet in one partition.
 */
final class CorrelationKeys {

    private CorrelationKeys() {
    }

    static String of(CoordinationSignal view) {
        return view.getCampaignId() != null ? KeyKind.CAMPAIGN.key(view.getCampaignId()) : KeyKind.CATEGORY_SECTOR.key(view.getCategory().name());
    }
}
