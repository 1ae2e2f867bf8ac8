package io.aegis.escalation.config;

import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.domain.RulesParser;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * The escalation rules in force, read once from {@code aegis.escalation.rules-file} (default
 * {@code <aegis.infra.dir>/escalation-rules.yaml}). Invalid rules stop the start-up with every
 * violation named ({@link io.aegis.escalation.domain.RulesValidationException}).
 */
@Factory
public class RulesFactory {

    @Singleton
    EscalationRules escalationRules(EscalationConfig config,
                                    @Property(name = "aegis.infra.dir", defaultValue = "infra") String infraDir) {
        return RulesParser.parse(config.rulesPath(infraDir));
    }
}
