package io.aegis.router.topology;

import io.aegis.schema.routing.CoordinationSignal;

/**
 * Key of a coordination record: its campaign id as the view carries it (raw for FULL, HMAC for
 * HASHED), else {@code category:<CATEGORY>}, so related signals meet in one partition.
 */
final class CorrelationKeys {

    private CorrelationKeys() {
    }

    static String of(CoordinationSignal view) {
        return view.getCampaignId() != null ? "campaign:" + view.getCampaignId() : "category:" + view.getCategory();
    }
}
