package io.aegis.response.config;

import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.response.domain.Roster;
import io.aegis.response.domain.Rosters;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the workflow from the files under {@code aegis.infra.dir} at start-up, so that a broken
 * rule, roster or member list stops the service with every problem listed rather than at the
 * first escalation.
 */
@Factory
public class WorkflowFactory {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowFactory.class);

    @Context
    CaseWorkflow caseWorkflow(ResponseProperties properties) {
        ResponseSettings settings = ResponseRulesLoader.load(properties.rulesFile());
        List<String> members = members(properties);
        Rosters rosters = RosterLoader.load(properties.rostersDir(), members);
        LOG.info("response workflow: cases open at {}, ack deadlines {}, {} obligation rule(s), "
                        + "update notifications at most every {}, members {}", settings.openTier(), settings.ackDeadlines(),
                settings.obligations().size(), settings.updateInterval(), members);
        return new CaseWorkflow(settings, rosters, members);
    }

    private static List<String> members(ResponseProperties properties) {
        if (Files.exists(properties.membersFile())) {
            return MembersLoader.load(properties.membersFile());
        }
        List<String> fromRosters = RosterLoader.load(properties.rostersDir(), List.of()).all().stream()
                .map(Roster::country).sorted().toList();
        LOG.warn("{} does not exist; taking the roster countries {} as the members", properties.membersFile(), fromRosters);
        return fromRosters;
    }
}
