package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import java.util.function.Supplier;

/**
 * One rule (or category floor) that holds: its id, the tier it sets, why (worded only when an
 * escalation is announced), and over which figures.
 */
record Firing(String ruleId, Tier tier, Supplier<String> reason, WindowStats stats) {
}
