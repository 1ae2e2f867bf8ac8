package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;

/** One rule (or category floor) that holds: its id, the tier it sets, why, and over which figures. */
record Firing(String ruleId, Tier tier, String reason, WindowStats stats) {
}
